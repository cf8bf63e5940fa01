import type katexModule from 'katex';

type Katex = typeof katexModule;

let loading: Promise<Katex> | null = null;

/**
 * KaTeX and its stylesheet (about 75 KB of JS gzip plus fonts) load the first time a formula is shown,
 * so notes without maths never pay for them.
 */
export function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([m]) => m.default);
  // A failed load (offline) may succeed later: do not cache the rejection.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Renders LaTeX into `el`, showing the source until KaTeX is there (and if it cannot load). */
export function renderLatex(el: HTMLElement, latex: string, displayMode: boolean): void {
  el.textContent = latex;
  el.dataset.latex = latex;
  loadKatex().then(
    (katex) => {
      // A newer formula may have been rendered into the element meanwhile.
      if (el.dataset.latex !== latex) return;
      katex.render(latex, el, { throwOnError: false, displayMode, output: 'htmlAndMathml' });
    },
    () => undefined,
  );
}
