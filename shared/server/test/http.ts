import { ErrorBodySchema, type ErrorBody } from '../../contract/errors';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

export interface RawRequest {
  token?: string;
  /** Sent as is; set `contentType` to describe it. */
  body?: string | Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** One HTTP request with full control over method, headers and body bytes, for what the typed client cannot send. */
export async function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  req: RawRequest = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (req.token) headers.authorization = `Bearer ${req.token}`;
  if (req.contentType) headers['content-type'] = req.contentType;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: typeof req.body === 'object' ? new Uint8Array(req.body) : (req.body ?? null),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Parses an error answer with the contract's error schema; throws when the body is not our error model. */
export function errorBody(res: RawResponse): ErrorBody['error'] {
  return ErrorBodySchema.parse(res.json).error;
}
