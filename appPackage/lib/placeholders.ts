/** `${{NAME}}`, the Agents Toolkit's placeholder syntax. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface FillResult<T> {
  value: T;
  /** Manifest path -> the variables its value was built from, so errors can say which one to fix. */
  origins: Map<string, string[]>;
  /** Placeholders with no value, by path. They are replaced by an empty string. */
  missing: Array<{ path: string; name: string }>;
}

/** Names of every placeholder in a string. */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Replaces `${{NAME}}` in one string; unknown names become '' and are reported through `onMissing`. */
export function fillString(text: string, vars: Record<string, string>, onMissing?: (name: string) => void) {
  return text.replace(PLACEHOLDER, (_all, name: string) => {
    const v = vars[name];
    if (v === undefined || v === '') {
      onMissing?.(name);
      return '';
    }
    return v;
  });
}

/**
 * Fills placeholders in every string of a parsed JSON document (keys are left alone). Working on the
 * parsed value rather than the raw text means a value holding a quote cannot break the JSON.
 */
export function fillPlaceholders<T>(
  doc: T,
  vars: Record<string, string>,
  mayBeEmpty: ReadonlySet<string> = new Set(),
): FillResult<T> {
  const origins = new Map<string, string[]>();
  const missing: Array<{ path: string; name: string }> = [];
  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') {
      const names = placeholderNames(node);
      if (names.length === 0) return node;
      origins.set(path, names);
      return fillString(node, vars, (name) => {
        if (!mayBeEmpty.has(name)) missing.push({ path, name });
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, walk(v, path ? `${path}.${k}` : k)]),
      );
    }
    return node;
  };
  return { value: walk(doc, '') as T, origins, missing };
}
