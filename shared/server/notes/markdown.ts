import type { NoteMark, NoteNode } from '../../contract/notes';

/**
 * Renders a note's ProseMirror JSON (TipTap schema) as GitHub-flavoured Markdown: headings, paragraphs,
 * bold/italic/strike/code marks, links, bullet/ordered/task lists, code blocks, quotes, tables, rules,
 * images, and math as `$...$` / `$$...$$`. Unknown nodes keep their text.
 */
export function toMarkdown(doc: NoteNode): string {
  const out = blocks(doc.content ?? []);
  return out ? `${out}\n` : '';
}

const LISTS = new Set(['bulletList', 'orderedList', 'taskList']);

function blocks(nodes: NoteNode[]): string {
  const parts: string[] = [];
  nodes.forEach((node, i) => {
    const text = block(node);
    if (!text) return;
    // A list right after a paragraph inside a list item stays tight.
    const sep = i > 0 && LISTS.has(node.type) && nodes[i - 1]?.type === 'paragraph' ? '\n' : '\n\n';
    parts.push(parts.length ? sep + text : text);
  });
  return parts.join('');
}

function attr(node: NoteNode, name: string): unknown {
  return node.attrs?.[name];
}

/** An attribute as text: strings and numbers as they are, anything else as nothing. */
function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function block(node: NoteNode): string {
  const content = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return escapeLineStart(inline(content));
    case 'heading': {
      const level = Math.min(6, Math.max(1, Number(attr(node, 'level')) || 1));
      return `${'#'.repeat(level)} ${inline(content)}`;
    }
    case 'blockquote':
      return blocks(content)
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'bulletList':
      return list(content, () => '- ');
    case 'orderedList': {
      const start = Number(attr(node, 'start') ?? 1) || 1;
      return list(content, (_, i) => `${start + i}. `);
    }
    case 'taskList':
      return list(content, (item) => (attr(item, 'checked') === true ? '- [x] ' : '- [ ] '));
    case 'codeBlock':
      return codeBlock(node);
    case 'horizontalRule':
      return '---';
    case 'blockMath':
      return `$$\n${str(attr(node, 'latex'))}\n$$`;
    case 'table':
      return table(content);
    case 'image':
    case 'inlineMath':
    case 'text':
      return inline([node]);
    default:
      return content.some((c) => c.type === 'text') ? inline(content) : blocks(content);
  }
}

function list(items: NoteNode[], marker: (item: NoteNode, i: number) => string): string {
  return items
    .map((item, i) => {
      const m = marker(item, i);
      const pad = ' '.repeat(m.startsWith('- [') ? 2 : m.length);
      const body = blocks(item.content ?? []);
      return (
        m +
        body
          .split('\n')
          .map((l, j) => (j === 0 || !l ? l : pad + l))
          .join('\n')
      );
    })
    .join('\n');
}

function codeBlock(node: NoteNode): string {
  const code = (node.content ?? []).map((c) => c.text ?? '').join('');
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const language = str(attr(node, 'language'));
  return `${fence}${language}\n${code}\n${fence}`;
}

function table(rows: NoteNode[]): string {
  const cells = rows.map((row) =>
    (row.content ?? []).map((cell) => blocks(cell.content ?? []).replace(/\n+/g, '<br>')),
  );
  const width = Math.max(1, ...cells.map((r) => r.length));
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => r[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = cells;
  return [line(head), `| ${Array(width).fill('---').join(' | ')} |`, ...body.map(line)].join('\n');
}

function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>~|$]/g, '\\$&');
}

/** Text that would start a heading, quote, list or rule at the start of a line is escaped. */
function escapeLineStart(text: string): string {
  return text.replace(/^([#>+=-])/, '\\$1').replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');
}

function codeSpan(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = code.startsWith('`') || code.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${code}${pad}${ticks}`;
}

/** Marks rendered as delimiters, outermost first; `code` is rendered per run as a code span. */
const ORDER = ['link', 'bold', 'italic', 'strike'] as const;
type Wrapping = (typeof ORDER)[number];

const OPEN: Record<Wrapping, (m: NoteMark) => string> = {
  link: () => '[',
  bold: () => '**',
  italic: () => '*',
  strike: () => '~~',
};
const CLOSE: Record<Wrapping, (m: NoteMark) => string> = {
  link: (m) => `](${str(m.attrs?.href).replace(/[()\s]/g, encodeURIComponent)})`,
  bold: () => '**',
  italic: () => '*',
  strike: () => '~~',
};

const same = (a: NoteMark, b: NoteMark) => a.type === b.type && a.attrs?.href === b.attrs?.href;

function inlineAtom(node: NoteNode): string {
  switch (node.type) {
    case 'hardBreak':
      return '\\\n';
    case 'inlineMath':
      return `$${str(attr(node, 'latex'))}$`;
    case 'image':
      return `![${escapeText(str(attr(node, 'alt')))}](${str(attr(node, 'src'))})`;
    default:
      return inline(node.content ?? []);
  }
}

/**
 * Inline content with marks kept open across adjacent runs (`**a *b***`, not `**a****b**`), and
 * whitespace moved outside delimiters so CommonMark still sees them as emphasis.
 */
function inline(nodes: NoteNode[]): string {
  let out = '';
  const open: NoteMark[] = [];
  let trailing = '';
  const closeTo = (depth: number) => {
    while (open.length > depth) {
      const m = open.pop()!;
      out += CLOSE[m.type as Wrapping](m);
    }
  };
  for (const node of nodes) {
    if (node.type !== 'text') {
      closeTo(0);
      out += trailing + inlineAtom(node);
      trailing = '';
      continue;
    }
    const raw = node.text ?? '';
    if (raw.trim() === '') {
      trailing += raw;
      continue;
    }
    const marks = ORDER.flatMap((t) => node.marks?.filter((m) => m.type === t) ?? []);
    let keep = 0;
    while (keep < open.length && keep < marks.length && same(open[keep]!, marks[keep]!)) keep++;
    const core = raw.trim();
    const lead = raw.slice(0, raw.indexOf(core));
    closeTo(keep);
    out += trailing + lead;
    for (const m of marks.slice(keep)) {
      out += OPEN[m.type as Wrapping](m);
      open.push(m);
    }
    out += node.marks?.some((m) => m.type === 'code') ? codeSpan(core) : escapeText(core);
    trailing = raw.slice(lead.length + core.length);
  }
  closeTo(0);
  return out + trailing;
}
