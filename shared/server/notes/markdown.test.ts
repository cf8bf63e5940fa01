import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';
import type { NoteNode } from '../../contract/notes';
import { toMarkdown } from './markdown';
import { SAMPLE } from './test/sample';
import { editorJson, editorYDoc } from './test/tiptap';
import { fragmentToJson, replaceBlocks, sectionEnd, toYNodes } from './yjsContent';

const EXPECTED = `# Lecture 3: Entropy

Plain, **bold** and *italic* and ***both***.

Call \`f(x)\` or read [the notes](https://example.org/a%20b).

Stars \\* and \\_underscores\\_ and # are text.

line one\\
line two

## Lists

- first
- second
  - nested

3. three
4. four

- [x] done
- [ ] todo

\`\`\`\`python
print("\`\`\`")
x = 1
\`\`\`\`

> Quoted
>
> twice

---

| Term | Meaning |
| --- | --- |
| S | a \\| b |

Energy $E = mc^2$ holds.

$$
\\sum_i p_i \\log p_i
$$
`;

const text = (s: string, ...marks: string[]): NoteNode => ({
  type: 'text',
  text: s,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const para = (...content: NoteNode[]): NoteNode => ({ type: 'paragraph', content });
const md = (...blocks: NoteNode[]) => toMarkdown({ type: 'doc', content: blocks });

describe('Markdown export of a note', () => {
  it('renders every block and mark of the editor, read from the Yjs encoding the editor writes', () => {
    const ydoc = editorYDoc(SAMPLE);
    expect(toMarkdown(fragmentToJson(ydoc.getXmlFragment(NOTE_FRAGMENT)))).toBe(EXPECTED);
  });

  it('keeps marks open across runs and moves spaces outside the delimiters', () => {
    expect(md(para(text('a ', 'bold'), text('b', 'bold', 'italic'), text(' c')))).toBe('**a *b*** c\n');
    expect(md(para(text('x'), text(' spaced ', 'italic'), text('y')))).toBe('x *spaced* y\n');
  });

  it('escapes what would start a heading, list or quote, and backticks in code', () => {
    expect(md(para(text('# not a heading')))).toBe('\\# not a heading\n');
    expect(md(para(text('1. not a list')))).toBe('1\\. not a list\n');
    expect(md(para(text('> no quote')))).toBe('\\> no quote\n');
    expect(md(para(text('a`b', 'code')))).toBe('``a`b``\n');
  });

  it('renders an empty note as an empty string and unknown nodes by their text', () => {
    expect(toMarkdown({ type: 'doc', content: [] })).toBe('');
    expect(md({ type: 'callout', content: [para(text('inside'))] })).toBe('inside\n');
  });
});

describe('Yjs encoding of server-side blocks', () => {
  it('matches the encoding of the editor binding (y-tiptap) for every kind of node', () => {
    const full = editorJson(SAMPLE);
    const ours = new Y.Doc();
    ours.getXmlFragment(NOTE_FRAGMENT).insert(0, toYNodes(full.content ?? []));
    const theirs = editorYDoc(full);
    expect(ours.getXmlFragment(NOTE_FRAGMENT).toJSON()).toBe(theirs.getXmlFragment(NOTE_FRAGMENT).toJSON());
    // Null attributes are left out, as the binding does; the schema fills them back in.
    expect(editorJson(fragmentToJson(ours.getXmlFragment(NOTE_FRAGMENT)))).toEqual(full);
  });

  it('a restore keeps equal blocks at both ends as the same Yjs items', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
    fragment.insert(
      0,
      toYNodes([para(text('keep start')), para(text('old middle')), para(text('keep end'))]),
    );
    const [first, , last] = fragment.toArray();
    replaceBlocks(fragment, [
      para(text('keep start')),
      para(text('new')),
      para(text('middle')),
      para(text('keep end')),
    ]);
    expect(fragment.toJSON()).toBe(
      '<paragraph>keep start</paragraph><paragraph>new</paragraph><paragraph>middle</paragraph><paragraph>keep end</paragraph>',
    );
    expect(fragment.get(0)).toBe(first);
    expect(fragment.get(3)).toBe(last);
  });

  it('finds the end of a section by its heading text', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
    const h = (level: number, s: string): NoteNode => ({
      type: 'heading',
      attrs: { level },
      content: [text(s)],
    });
    fragment.insert(
      0,
      toYNodes([h(1, 'Intro'), para(text('a')), h(2, 'Sub'), para(text('b')), h(1, 'Next'), para(text('c'))]),
    );
    expect(sectionEnd(fragment, 'intro')).toBe(4);
    expect(sectionEnd(fragment, 'Sub')).toBe(4);
    expect(sectionEnd(fragment, 'Next')).toBe(6);
    expect(sectionEnd(fragment, 'missing')).toBe(6);
    expect(sectionEnd(fragment, undefined)).toBe(6);
  });
});
