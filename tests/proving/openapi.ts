import { Ajv2020 } from 'ajv/dist/2020.js';
import { operations } from '../../shared/contract/api';
import type { Operation } from '../../shared/contract/operation';

/** A JSON Schema node of the OpenAPI document, read loosely. */
export type JsonSchema = Record<string, unknown>;

export interface DocParam {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

/** One operation as the OpenAPI document describes it: everything the generated suites need. */
export interface DocOperation {
  operationId: string;
  method: string;
  /** OpenAPI form, `{name}` parameters. */
  path: string;
  access: string;
  secured: boolean;
  pathParams: DocParam[];
  queryParams: DocParam[];
  body: JsonSchema | undefined;
  stream: boolean;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, JsonSchema> };
}

/** Fetches `/api/v1/openapi.json` from a running service. */
export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDoc> {
  const res = await fetch(`${baseUrl}/api/v1/openapi.json`);
  if (!res.ok) throw new Error(`openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDoc;
}

/** Every operation of the document, in document order. */
export function documentOperations(doc: OpenApiDoc): DocOperation[] {
  const out: DocOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, entry] of Object.entries(methods)) {
      const params = (entry.parameters ?? []) as DocParam[];
      const body = (entry.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
        ?.content?.['application/json']?.schema;
      const success = Object.entries((entry.responses ?? {}) as Record<string, { content?: object }>).find(
        ([status]) => status.startsWith('2'),
      );
      out.push({
        operationId: String(entry.operationId),
        method,
        path,
        access: typeof entry['x-access'] === 'string' ? entry['x-access'] : 'anyone',
        secured: Array.isArray(entry.security) && entry.security.length > 0,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body,
        stream: Object.keys(success?.[1].content ?? {}).includes('text/event-stream'),
      });
    }
  }
  return out;
}

/** The contract's operation behind a document operation (same id), for metadata the document omits. */
export function contractOperation(op: DocOperation): Operation {
  const found = (operations as Record<string, Operation>)[op.operationId];
  if (!found) throw new Error(`${op.operationId} is in the document but not in the contract`);
  return found;
}

/** Follows `$ref`s into the document's components until a concrete schema is reached. */
export function deref(doc: OpenApiDoc, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const next = doc.components.schemas[name];
    if (!next) throw new Error(`unresolved ${s.$ref}`);
    s = next;
  }
  return s;
}

/** A validator for values against one schema of the document (its `$ref`s resolved from the components). */
export function validatorFor(doc: OpenApiDoc): (schema: JsonSchema, value: unknown) => boolean {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
  const cache = new Map<JsonSchema, (v: unknown) => boolean>();
  return (schema, value) => {
    let check = cache.get(schema);
    if (!check) {
      const compiled = ajv.compile({ ...schema, components: doc.components });
      check = (v) => compiled(v) === true;
      cache.set(schema, check);
    }
    return check(value);
  };
}

/** The path with every parameter filled (values percent-encoded unless `raw`). */
export function fillPath(path: string, values: Record<string, string>, raw: Set<string> = new Set()): string {
  return path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const v = values[name] ?? '';
    return raw.has(name) ? v : encodeURIComponent(v);
  });
}
