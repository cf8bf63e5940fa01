import { deref, fillPath, type DocOperation, type OpenApiDoc } from './openapi';
import { typeOf } from './samples';

/** A request line to send (path and query, raw bytes allowed), and what the service must do with it. */
export interface BadTarget {
  label: string;
  /** Path and query string as sent, already encoded. */
  url: string;
  expect: 'refused' | 'tolerated';
}

/** Path parameter values that no operation may take: each is sent as is, unencoded. */
const BAD_PATH_VALUES = [
  'x'.repeat(300),
  '%00',
  'a%00b',
  '%ZZ',
  '%C0%AF',
  '..%2F..%2Fadmin',
  '%F0%9F%92%A9',
  '%ED%A0%80',
  '-1',
  'a%20b',
  "'%20or%201=1--",
  'does-not-exist-0000',
];

function encodeQuery(pairs: Array<[string, string]>, rawValue = false): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${rawValue ? v : encodeURIComponent(v)}`).join('&');
}

/**
 * Invalid path parameters (one at a time, the others valid) and invalid query strings (wrong types, out of
 * range, repeated, bracketed, undecodable; an unknown parameter is only tolerated) for one operation.
 */
export function badTargets(doc: OpenApiDoc, op: DocOperation, valid: Record<string, string>): BadTarget[] {
  const out: BadTarget[] = [];
  for (const p of op.pathParams) {
    for (const bad of BAD_PATH_VALUES) {
      out.push({
        label: `path ${p.name} = ${bad.slice(0, 24)}`,
        url: fillPath(op.path, { ...valid, [p.name]: bad }, new Set([p.name])),
        expect: 'refused',
      });
    }
  }
  const path = fillPath(op.path, valid);
  for (const q of op.queryParams) {
    const s = deref(doc, q.schema);
    const values: string[] = [];
    const type = typeOf(s);
    if (type === 'integer' || type === 'number') {
      values.push('abc', '1.5', '1e400', '%ZZ', 'NaN', '1O');
      if (typeof s.maximum === 'number') values.push(String(s.maximum + 1));
      if (typeof s.minimum === 'number') values.push(String(s.minimum - 1));
      if (type === 'integer') values.push('2.000001');
    } else if (type === 'string') {
      if (typeof s.maxLength === 'number') values.push('q'.repeat(s.maxLength + 1));
      values.push('%00');
    } else if (type === 'boolean') {
      values.push('maybe', '2');
    }
    for (const v of values) {
      out.push({
        label: `query ${q.name} = ${v.slice(0, 24)}`,
        url: `${path}?${encodeQuery([[q.name, v]], true)}`,
        expect: 'refused',
      });
    }
    out.push({
      label: `query ${q.name} repeated`,
      url: `${path}?${encodeQuery([
        [q.name, '1'],
        [q.name, '2'],
      ])}`,
      expect: 'refused',
    });
    out.push({ label: `query ${q.name} bracketed`, url: `${path}?${q.name}[a]=1`, expect: 'refused' });
  }
  // Parameters the document does not name: tolerated (OpenAPI does not forbid them), never a 5xx.
  out.push({ label: 'unknown query parameter', url: `${path}?__proving=1`, expect: 'tolerated' });
  out.push({ label: 'undecodable query', url: `${path}?%ZZ=%E0%A4%A`, expect: 'tolerated' });
  return out;
}
