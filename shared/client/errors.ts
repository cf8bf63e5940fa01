import { ERROR_IDS, type ErrorId } from '../contract/errorIds';

/** An error answer of the service, typed by its stable id. */
export class StoaApiError extends Error {
  constructor(
    readonly id: ErrorId,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StoaApiError';
  }
}

/** The service could not be reached, or answered with something that is not our error model. */
export class StoaNetworkError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StoaNetworkError';
  }
}

export function isErrorId(value: unknown): value is ErrorId {
  return typeof value === 'string' && (ERROR_IDS as string[]).includes(value);
}
