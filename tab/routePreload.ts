import type { Plugin, Rolldown } from 'vite';

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

export interface RoutePreload {
  /** Source module of the view, as its path ends (e.g. `src/rounds/SessionPage.tsx`). */
  module: string;
  /** A JS expression on `p` (the pathname without trailing slashes) and `q` (URLSearchParams). */
  when: string;
}

/** A chunk's file and every file it imports statically, CSS included. */
function filesOf(bundle: OutputBundle, chunk: OutputChunk, into = new Set<string>()): Set<string> {
  if (into.has(chunk.fileName)) return into;
  into.add(chunk.fileName);
  for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(css);
  for (const name of chunk.imports) {
    const next = bundle[name];
    if (next?.type === 'chunk') filesOf(bundle, next, into);
  }
  return into;
}

/**
 * Build only: a tiny inline script in index.html that, when the address names a view, asks the browser for
 * that view's chunks at once (`modulepreload`), beside the entry's, instead of after the shell has been
 * parsed, run and signed in. The app still imports the view as before; the fetch is simply done already.
 */
export function routePreload(routes: RoutePreload[]): Plugin {
  let base = '/';
  return {
    name: 'stoa-route-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        // What index.html loads anyway (the entry and its imports) needs no second hint.
        const entry = Object.values(bundle).find((c): c is OutputChunk => c.type === 'chunk' && c.isEntry);
        const shell = entry ? filesOf(bundle, entry) : new Set<string>();
        const checks = routes.map(({ module, when }) => {
          const chunk = Object.values(bundle).find(
            (c): c is OutputChunk => c.type === 'chunk' && !!c.facadeModuleId?.endsWith(module),
          );
          if (!chunk) throw new Error(`route preload: no chunk for ${module}`);
          const files = [...filesOf(bundle, chunk)].filter((f) => !shell.has(f)).map((f) => base + f);
          return `if (${when}) f = ${JSON.stringify(files)};`;
        });
        const script = [
          '(function () {',
          "  var p = location.pathname.replace(/\\/+$/, ''), q = new URLSearchParams(location.search), f = [];",
          ...checks.map((c) => `  ${c}`),
          '  f.forEach(function (href) {',
          "    var l = document.createElement('link');",
          "    l.crossOrigin = '';",
          "    if (/\\.css$/.test(href)) { l.rel = 'preload'; l.as = 'style'; } else { l.rel = 'modulepreload'; }",
          '    l.href = href;',
          '    document.head.appendChild(l);',
          '  });',
          '})();',
        ].join('\n');
        return [{ tag: 'script', children: script, injectTo: 'head' }];
      },
    },
  };
}
