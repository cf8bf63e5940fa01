import { deref, type JsonSchema, type OpenApiDoc } from './openapi';

/** The options of a union schema (`oneOf`/`anyOf`), or null. */
export function unionOptions(s: JsonSchema): JsonSchema[] | null {
  const list = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
  return Array.isArray(list) && list.length > 0 ? list : null;
}

/** The schema's type, taking the first non-null one of a type list. */
export function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return (s.type as string[]).find((t) => t !== 'null');
  if (typeof s.type === 'string') return s.type;
  if ('const' in s) return typeof s.const;
  if (s.properties) return 'object';
  return undefined;
}

/**
 * A value that satisfies the schema where it can (required properties only, minimal sizes): the base that
 * every invalid input is a single mutation of, so each one fails for the reason it names.
 */
export function sample(doc: OpenApiDoc, schema: JsonSchema, depth = 0): unknown {
  const s = deref(doc, schema);
  if (depth > 12) return null;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('default' in s && s.default !== undefined) return s.default;
  const options = unionOptions(s);
  if (options) {
    const concrete = options.find((o) => deref(doc, o).type !== 'null') ?? options[0]!;
    return sample(doc, concrete, depth + 1);
  }
  if (Array.isArray(s.allOf)) {
    return Object.assign({}, ...(s.allOf as JsonSchema[]).map((p) => sample(doc, p, depth + 1) as object));
  }
  switch (typeOf(s)) {
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((s.required as string[] | undefined) ?? []);
      const out: Record<string, unknown> = {};
      for (const [name, p] of Object.entries(props))
        if (required.has(name)) out[name] = sample(doc, p, depth + 1);
      return out;
    }
    case 'array': {
      const min = Number(s.minItems ?? 0);
      const items = (s.items ?? {}) as JsonSchema;
      return Array.from({ length: min }, (_, i) => {
        const v = sample(doc, items, depth + 1);
        return typeof v === 'string' ? `${v}${i}` : v;
      });
    }
    case 'string': {
      const min = Math.max(1, Number(s.minLength ?? 1));
      if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (s.format === 'uri' || s.format === 'url') return 'https://example.com/x';
      if (s.format === 'date-time') return new Date(0).toISOString();
      return 'sample'.padEnd(min, 'x').slice(0, Math.max(min, Math.min(6, Number(s.maxLength ?? 6))));
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const exclusive = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : min;
      return Math.max(min, exclusive);
    }
    case 'boolean':
      return true;
    default:
      return null;
  }
}
