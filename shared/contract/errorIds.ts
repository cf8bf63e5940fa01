// Plain data, no zod: the tab's API client maps error ids without loading the schemas.

/**
 * Every error the service can answer with, by stable id. The HTTP status is part of the contract so the
 * client can map ids without guessing and the tab can show a friendly message per id.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_token: 401,
  forbidden: 403,
  insufficient_role: 403,
  not_a_member: 403,
  /** The conversation has no class yet and Teams does not make the caller a facilitator here. */
  class_not_set_up: 403,
  /** The class keeps Teams guests or anonymous meeting attendees out. */
  guests_not_allowed: 403,
  wrong_tenant: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  session_ended: 409,
  last_owner: 409,
  round_refused: 409,
  backstage_refused: 409,
  posting_paused: 403,
  rate_limited: 429,
  dev_auth_disabled: 404,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorId = keyof typeof ERROR_STATUS;
export const ERROR_IDS = Object.keys(ERROR_STATUS) as [ErrorId, ...ErrorId[]];
