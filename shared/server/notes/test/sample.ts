import type { NoteNode } from '../../../contract/notes';

const t = (
  text: string,
  ...marks: Array<string | { type: string; attrs: Record<string, unknown> }>
): NoteNode => ({
  type: 'text',
  text,
  ...(marks.length ? { marks: marks.map((m) => (typeof m === 'string' ? { type: m } : m)) } : {}),
});
const p = (...content: NoteNode[]): NoteNode => ({ type: 'paragraph', content });
const li = (...content: NoteNode[]): NoteNode => ({ type: 'listItem', content });

/** A note using every kind of block and mark the editor has. */
export const SAMPLE: NoteNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [t('Lecture 3: Entropy')] },
    p(
      t('Plain, '),
      t('bold', 'bold'),
      t(' and '),
      t('italic', 'italic'),
      t(' and '),
      t('both', 'bold', 'italic'),
      t('.'),
    ),
    p(
      t('Call '),
      t('f(x)', 'code'),
      t(' or read '),
      t('the notes', { type: 'link', attrs: { href: 'https://example.org/a b' } }),
      t('.'),
    ),
    p(t('Stars * and _underscores_ and # are text.')),
    p(t('line one'), { type: 'hardBreak' }, t('line two')),
    { type: 'heading', attrs: { level: 2 }, content: [t('Lists')] },
    {
      type: 'bulletList',
      content: [li(p(t('first'))), li(p(t('second')), { type: 'bulletList', content: [li(p(t('nested')))] })],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [li(p(t('three'))), li(p(t('four')))] },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p(t('done'))] },
        { type: 'taskItem', attrs: { checked: false }, content: [p(t('todo'))] },
      ],
    },
    { type: 'codeBlock', attrs: { language: 'python' }, content: [t('print("```")\nx = 1')] },
    { type: 'blockquote', content: [p(t('Quoted')), p(t('twice'))] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', content: [p(t('Term'))] },
            { type: 'tableHeader', content: [p(t('Meaning'))] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', content: [p(t('S'))] },
            { type: 'tableCell', content: [p(t('a | b'))] },
          ],
        },
      ],
    },
    p(t('Energy '), { type: 'inlineMath', attrs: { latex: 'E = mc^2' } }, t(' holds.')),
    { type: 'blockMath', attrs: { latex: '\\sum_i p_i \\log p_i' } },
  ],
};
