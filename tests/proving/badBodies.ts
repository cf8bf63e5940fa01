import { randomBytes } from 'node:crypto';
import { LIMITS } from '../../shared/contract/limits';
import { deref, type JsonSchema, type OpenApiDoc } from './openapi';
import { sample, typeOf, unionOptions } from './samples';

/** One request body to send, and what the service must do with it. */
export interface BadBody {
  label: string;
  body: string | Buffer;
  contentType: string;
  /** `refused`: a 4xx with an error id is required. `tolerated`: the document allows it; anything but a 5xx. */
  expect: 'refused' | 'tolerated';
}

interface Field {
  path: Array<string | number>;
  schema: JsonSchema;
  required: boolean;
}

/** The fields of a schema as `sample` fills them (first union option), down to `maxDepth` levels. */
function fields(doc: OpenApiDoc, schema: JsonSchema, maxDepth: number, at: Field['path'] = []): Field[] {
  if (at.length >= maxDepth) return [];
  let s = deref(doc, schema);
  const options = unionOptions(s);
  if (options) s = deref(doc, options.find((o) => deref(doc, o).type !== 'null') ?? options[0]!);
  const out: Field[] = [];
  if (typeOf(s) === 'object') {
    const required = new Set((s.required as string[] | undefined) ?? []);
    for (const [name, p] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
      const path = [...at, name];
      out.push({ path, schema: p, required: required.has(name) });
      out.push(...fields(doc, p, maxDepth, path));
    }
  } else if (typeOf(s) === 'array' && Number(s.minItems ?? 0) > 0) {
    out.push(...fields(doc, (s.items ?? {}) as JsonSchema, maxDepth, [...at, 0]));
  }
  return out;
}

function setAt(root: unknown, path: Field['path'], value: unknown, remove = false): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (node[key] === null || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** Arrays nested `depth` deep, as JSON text (built as text: JSON.stringify would recurse as deep). */
export function nestedJson(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** Values of the wrong type and just out of range for one field. */
function badValues(doc: OpenApiDoc, schema: JsonSchema): unknown[] {
  const s = deref(doc, schema);
  const values: unknown[] = [12345, 'not-the-type', true, null, [], {}];
  const type = typeOf(s);
  if (type === 'string') {
    const max = Number(s.maxLength ?? 0);
    if (max > 0) values.push('x'.repeat(max + 1));
    if (Number(s.minLength ?? 0) > 0) values.push('');
    values.push('y'.repeat(100_000));
    if (Array.isArray(s.enum) || 'const' in s) values.push('not-a-listed-value');
  }
  if (type === 'integer' || type === 'number') {
    if (typeof s.maximum === 'number') values.push(s.maximum + 1);
    if (typeof s.minimum === 'number') values.push(s.minimum - 1);
    if (type === 'integer') values.push(1.5);
    values.push(1e308, -1e308, 2 ** 53 + 2);
  }
  if (type === 'array') {
    const max = Number(s.maxItems ?? 0);
    if (max > 0 && max <= 10_000) values.push(Array.from({ length: max + 1 }, () => 1));
    if (Number(s.minItems ?? 0) > 0) values.push([]);
  }
  if (type === 'object') values.push({ __proving_extra: 1 });
  return values;
}

/** The first path in `value` that holds a string, for byte-level mutations. */
function firstStringPath(value: unknown, at: Field['path'] = []): Field['path'] | null {
  if (typeof value === 'string') return at;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstStringPath(v, [...at, Array.isArray(value) ? Number(k) : k]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Invalid bodies for one operation's request schema: wrong roots, each field of the wrong type, out of
 * range, missing, with an extra field, deeply nested; text no store can keep; bodies that are no JSON,
 * truncated, over the size limit, random bytes and invalid UTF-8. `isValid` decides, per the document,
 * whether a structurally generated body must be refused.
 */
export function badBodies(
  doc: OpenApiDoc,
  schema: JsonSchema,
  isValid: (value: unknown) => boolean,
  opts: { randomCount: number },
): BadBody[] {
  const json = 'application/json';
  const base = sample(doc, schema);
  const out: BadBody[] = [];
  const value = (label: string, v: unknown) =>
    out.push({
      label,
      body: JSON.stringify(v),
      contentType: json,
      expect: isValid(v) ? 'tolerated' : 'refused',
    });
  const refused = (label: string, body: string | Buffer, contentType = json) =>
    out.push({ label, body, contentType, expect: 'refused' });
  /** JSON text that `JSON.stringify` cannot produce (own `__proto__`, deep nesting), judged once parsed. */
  const jsonText = (label: string, body: string) =>
    out.push({
      label,
      body,
      contentType: json,
      expect: isValid(JSON.parse(body)) ? 'tolerated' : 'refused',
    });

  for (const root of [null, [], 42, 'text', true, [base]])
    value(`root ${JSON.stringify(root)?.slice(0, 20)}`, root);
  value('empty object', {});
  value('extra root field', { ...(base as object), __proving_extra: 'x' });
  const full = JSON.stringify(base);
  jsonText('__proto__ key', `{"__proto__":{"polluted":true}${full.length > 2 ? `,${full.slice(1)}` : '}'}`);
  const all = fields(doc, schema, 3);
  for (const f of all) {
    const name = f.path.join('.');
    for (const bad of badValues(doc, f.schema)) {
      value(`${name} = ${JSON.stringify(bad).slice(0, 24)}`, setAt(base, f.path, bad));
    }
    if (f.required) value(`${name} missing`, setAt(base, f.path, undefined, true));
    jsonText(
      `${name} nested 5000 deep`,
      JSON.stringify(setAt(base, f.path, '__NEST__')).replace('"__NEST__"', nestedJson(5000)),
    );
  }
  const text = firstStringPath(base);
  if (text) {
    refused('a NUL character in text', JSON.stringify(setAt(base, text, 'a\u0000b')));
    refused('an unpaired surrogate in text', JSON.stringify(setAt(base, text, 'a\ud800b')));
    // Invalid UTF-8 is refused (invalid_json), never stored as replacement text.
    const [before, after] = JSON.stringify(setAt(base, text, '\u0001MARK\u0001')).split('\\u0001MARK\\u0001');
    out.push({
      label: 'invalid UTF-8 bytes in text',
      body: Buffer.concat([
        Buffer.from(before!),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]),
        Buffer.from(after!),
      ]),
      contentType: json,
      expect: 'refused',
    });
  }
  refused('truncated JSON', full.slice(0, Math.max(1, Math.floor(full.length / 2))));
  refused('not JSON', "{'single': quotes}");
  jsonText('nested 100000 deep', nestedJson(100_000));
  refused('over the body limit', JSON.stringify({ pad: 'z'.repeat(LIMITS.maxBodyBytes + 1024) }));
  refused('text/plain body', full, 'text/plain');
  refused('form body', 'a=1&b=2', 'application/x-www-form-urlencoded');
  for (let i = 0; i < opts.randomCount; i++) {
    // A leading byte that can never start JSON, so the bytes are refused however they continue.
    refused(
      `random bytes #${i}`,
      Buffer.concat([Buffer.from([0xfe]), randomBytes(1 + Math.floor(Math.random() * 2048))]),
    );
    // Several fields wrong at once, each of a random wrong kind, judged by the document like the rest.
    if (all.length > 0) {
      let v = base;
      const picks = 2 + Math.floor(Math.random() * 3);
      for (let j = 0; j < picks; j++) {
        const f = all[Math.floor(Math.random() * all.length)]!;
        const options = badValues(doc, f.schema);
        v = setAt(v, f.path, options[Math.floor(Math.random() * options.length)]);
      }
      value(`random combination #${i}`, v);
    }
  }
  return out;
}
