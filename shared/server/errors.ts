import { ERROR_STATUS, type ErrorId, type FieldIssue } from '../contract/errors';

/** An error the service answers with on purpose: a stable id, its HTTP status and a safe message. */
export class ServiceError extends Error {
  readonly id: ErrorId;
  readonly status: number;
  readonly details: unknown;

  constructor(id: ErrorId, message: string, details?: unknown) {
    super(message);
    this.name = 'ServiceError';
    this.id = id;
    this.status = ERROR_STATUS[id];
    this.details = details;
  }
}

export class ValidationError extends ServiceError {
  constructor(where: 'body' | 'query' | 'params', issues: FieldIssue[]) {
    super('validation_failed', `The request ${where} is not valid.`, { where, issues });
  }
}

export class NotFoundError extends ServiceError {
  constructor(what = 'resource') {
    super('not_found', `That ${what} does not exist or you cannot see it.`);
  }
}

export class AuthenticationError extends ServiceError {
  constructor(
    id: 'unauthenticated' | 'invalid_token' = 'invalid_token',
    message = 'The access token is not valid.',
  ) {
    super(id, message);
  }
}

export class RoleError extends ServiceError {
  constructor(needed: string) {
    super('insufficient_role', `This needs the ${needed} role in the class.`);
  }
}

export class ConflictError extends ServiceError {
  constructor(id: 'conflict' | 'last_owner' | 'session_ended', message: string) {
    super(id, message);
  }
}
