import { z } from 'zod';
import { operations } from './api';
import { ERROR_STATUS, ErrorBodySchema, type ErrorId } from './errors';
import { COMMON_ERRORS, type Operation } from './operation';

type Json = Record<string, unknown>;
type Components = Record<string, Json>;

const REF_PREFIX = '#/$defs/';
const COMPONENT_PREFIX = '#/components/schemas/';

function rewriteRefs(node: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, names));
  if (node && typeof node === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
        const name = v.slice(REF_PREFIX.length);
        out[k] = COMPONENT_PREFIX + (names.get(name) ?? name);
      } else {
        out[k] = rewriteRefs(v, names);
      }
    }
    return out;
  }
  return node;
}

/**
 * Converts one schema and moves its named parts into `components`. Input and output shapes of the same
 * schema can differ (defaults make fields optional on input), so a differing input shape gets an `Input` suffix.
 */
function toComponentSchema(schema: z.ZodType, io: 'input' | 'output', components: Components): Json {
  const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  const defs = (js.$defs ?? {}) as Record<string, Json>;
  delete js.$defs;
  delete js.$schema;
  const names = new Map<string, string>();
  for (const name of Object.keys(defs)) names.set(name, name);
  for (const [name, def] of Object.entries(defs)) {
    const rewritten = JSON.stringify(rewriteRefs(def, names));
    const existing = components[name];
    if (existing && JSON.stringify(existing) !== rewritten)
      names.set(name, `${name}${io === 'input' ? 'Input' : 'Output'}`);
  }
  for (const [name, def] of Object.entries(defs)) {
    components[names.get(name) ?? name] = rewriteRefs(def, names) as Json;
  }
  return rewriteRefs(js, names) as Json;
}

function parametersOf(op: Operation, components: Components): Json[] {
  const list: Json[] = [];
  const add = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
    if (!schema) return;
    const js = toComponentSchema(schema, 'input', components);
    const props = (js.properties ?? {}) as Record<string, Json>;
    const required = new Set((js.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      list.push({ name, in: where, required: where === 'path' || required.has(name), schema: prop });
    }
  };
  add(op.params, 'path');
  add(op.query, 'query');
  return list;
}

function errorResponses(op: Operation): Record<string, Json> {
  const ids = new Set<ErrorId>([...(op.auth === 'user' ? COMMON_ERRORS : []), ...op.errors]);
  const byStatus = new Map<number, ErrorId[]>();
  for (const id of ids) {
    const status = ERROR_STATUS[id];
    byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
  }
  const out: Record<string, Json> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[String(status)] = {
      description: `Error: ${list.join(', ')}`,
      content: { 'application/json': { schema: { $ref: `${COMPONENT_PREFIX}ErrorBody` } } },
    };
  }
  return out;
}

/** The OpenAPI 3.1 document of the service, generated from the operations in the contract. */
export function buildOpenApiDocument(opts: { version: string; serverUrl?: string }): Json {
  const components: Components = {};
  toComponentSchema(ErrorBodySchema, 'output', components);
  const paths: Record<string, Record<string, Json>> = {};
  for (const [operationId, op] of Object.entries(operations) as [string, Operation][]) {
    const path = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const entry: Json = {
      operationId,
      summary: op.summary,
      tags: [op.tag],
      'x-access': op.access,
      parameters: parametersOf(op, components),
      responses: {
        [String(op.status)]: {
          description: 'Success',
          content: {
            [op.stream === 'sse' ? 'text/event-stream' : (op.contentType ?? 'application/json')]: {
              schema: toComponentSchema(op.response, 'output', components),
            },
          },
        },
        ...errorResponses(op),
      },
    };
    if (op.body) {
      entry.requestBody = {
        required: true,
        content: { 'application/json': { schema: toComponentSchema(op.body, 'input', components) } },
      };
    }
    entry.security = op.auth === 'user' ? [{ bearer: [] }] : [];
    (paths[path] ??= {})[op.method] = entry;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Stoa service API',
      version: opts.version,
      description: 'The shared REST service of Stoa, used by the Teams tab and the bot.',
    },
    servers: opts.serverUrl ? [{ url: opts.serverUrl }] : [],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Teams SSO token (Entra ID v1 or v2), a dev token, or a token of the Stoa bot.',
        },
      },
    },
  };
}
