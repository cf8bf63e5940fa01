import { Node, mergeAttributes, nodeInputRule, type NodeViewRenderer } from '@tiptap/core';
import { renderLatex } from './katex';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    stoaMath: {
      /** Inserts a formula at the selection, inline or as its own block. */
      insertMath: (latex: string, display: boolean) => ReturnType;
    };
  }
}

/** The formula of a node; anything but a string (a malformed remote edit) shows as empty. */
const latexOf = (attrs: Record<string, unknown>): string =>
  typeof attrs.latex === 'string' ? attrs.latex : '';

function mathView(display: boolean): NodeViewRenderer {
  return ({ node }) => {
    const dom = document.createElement(display ? 'div' : 'span');
    dom.className = display ? 'stoa-math stoa-math-block' : 'stoa-math';
    dom.setAttribute('data-type', display ? 'block-math' : 'inline-math');
    let latex = latexOf(node.attrs);
    renderLatex(dom, latex, display);
    return {
      dom,
      update: (next) => {
        if (next.type !== node.type) return false;
        const nextLatex = latexOf(next.attrs);
        if (nextLatex !== latex) renderLatex(dom, (latex = nextLatex), display);
        return true;
      },
      // KaTeX rewrites the element's children; ProseMirror must not read that as an edit.
      ignoreMutation: () => true,
    };
  };
}

const latexAttribute = {
  latex: {
    default: '',
    parseHTML: (el: HTMLElement) => el.getAttribute('data-latex') ?? '',
    renderHTML: (attrs: Record<string, unknown>) => ({ 'data-latex': latexOf(attrs) }),
  },
};

/**
 * Formulas: the same node names and attributes as `@tiptap/extension-mathematics` (`inlineMath`,
 * `blockMath`, `latex`), which the service's Markdown export and stored notes use, but with KaTeX loaded
 * lazily instead of imported up front.
 */
export const InlineMath = Node.create({
  name: 'inlineMath',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes: () => latexAttribute,
  parseHTML: () => [{ tag: 'span[data-type="inline-math"]' }],
  renderHTML: ({ HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { 'data-type': 'inline-math' }),
  ],
  addNodeView: () => mathView(false),
  addInputRules() {
    // `$$x^2$$` typed inline becomes a formula; single dollars are left alone (prices).
    return [
      nodeInputRule({
        find: /\$\$([^$\n]+)\$\$$/,
        type: this.type,
        getAttributes: (match) => ({ latex: match[1]?.trim() ?? '' }),
      }),
    ];
  },
  addCommands() {
    return {
      insertMath:
        (latex, display) =>
        ({ commands }) =>
          latex.trim()
            ? commands.insertContent({
                type: display ? 'blockMath' : 'inlineMath',
                attrs: { latex: latex.trim() },
              })
            : false,
    };
  },
});

export const BlockMath = Node.create({
  name: 'blockMath',
  group: 'block',
  atom: true,
  addAttributes: () => latexAttribute,
  parseHTML: () => [{ tag: 'div[data-type="block-math"]' }],
  renderHTML: ({ HTMLAttributes }) => ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'block-math' })],
  addNodeView: () => mathView(true),
});
