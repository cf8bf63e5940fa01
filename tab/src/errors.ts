import { StoaApiError, StoaNetworkError } from '../../shared/client';
import type { ErrorId } from '../../shared/contract/errors';
import type { MessageKey, Translate } from './i18n';

/**
 * The one place where service error ids become words. Typed as a full record so a new id in the
 * contract fails the build until it has a message here.
 */
const ERROR_MESSAGES: Record<ErrorId, MessageKey> = {
  bad_request: 'errors.bad_request',
  invalid_json: 'errors.invalid_json',
  validation_failed: 'errors.validation_failed',
  unsupported_media_type: 'errors.unsupported_media_type',
  payload_too_large: 'errors.payload_too_large',
  unauthenticated: 'errors.unauthenticated',
  invalid_token: 'errors.invalid_token',
  forbidden: 'errors.forbidden',
  insufficient_role: 'errors.insufficient_role',
  not_a_member: 'errors.not_a_member',
  class_not_set_up: 'errors.class_not_set_up',
  guests_not_allowed: 'errors.guests_not_allowed',
  wrong_tenant: 'errors.wrong_tenant',
  not_found: 'errors.not_found',
  route_not_found: 'errors.route_not_found',
  method_not_allowed: 'errors.method_not_allowed',
  conflict: 'errors.conflict',
  session_ended: 'errors.session_ended',
  last_owner: 'errors.last_owner',
  round_refused: 'errors.round_refused',
  backstage_refused: 'errors.backstage_refused',
  posting_paused: 'errors.posting_paused',
  rate_limited: 'errors.rate_limited',
  dev_auth_disabled: 'errors.dev_auth_disabled',
  internal_error: 'errors.internal_error',
  service_unavailable: 'errors.service_unavailable',
};

/** The message key for anything a call can throw. */
export function errorMessageKey(err: unknown): MessageKey {
  if (err instanceof StoaApiError) return ERROR_MESSAGES[err.id];
  if (err instanceof StoaNetworkError) return 'errors.network';
  return 'errors.unknown';
}

/** A friendly, translated sentence for an error; never the raw server message. */
export function describeError(err: unknown, t: Translate): string {
  return t(errorMessageKey(err));
}

/** Whether the error means the caller's token is missing, expired or not trusted. */
export function isAuthError(err: unknown): boolean {
  return err instanceof StoaApiError && err.status === 401;
}
