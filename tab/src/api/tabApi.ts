import { StoaClient, type CallInput, type CallResult } from '../../../shared/client';
import type { OperationId } from '../../../shared/contract/api';
import { isAuthError } from '../errors';

/** Where the tab gets its bearer token, and how it gets a fresh one after a 401. */
export interface TokenSource {
  current(): Promise<string | null>;
  /** Obtains a new token; false when that is impossible (the person must sign in again). */
  refresh(): Promise<boolean>;
}

/**
 * The tab's API: the typed `StoaClient` plus one transparent retry after a 401, because dev tokens
 * and Teams SSO tokens both expire while a tab stays open for a whole lecture.
 */
export class TabApi {
  private readonly client: StoaClient;

  constructor(
    baseUrl: string,
    private readonly tokens: TokenSource,
    private readonly onSignedOut: () => void,
    fetchImpl?: typeof fetch,
  ) {
    this.client = new StoaClient({ baseUrl, getToken: () => tokens.current(), fetch: fetchImpl });
  }

  /** The service's base URL ('' for the page's origin); the notes WebSocket lives on the same host. */
  get baseUrl(): string {
    return this.client.baseUrl;
  }

  /** The bearer token of REST calls, for the notes WebSocket, which authenticates with the same one. */
  token(): Promise<string | null> {
    return this.tokens.current();
  }

  /** Gets a new token after the notes connection was refused; false when the person must sign in again. */
  refreshToken(): Promise<boolean> {
    return this.tokens.refresh().catch(() => false);
  }

  /** Calls an operation, refreshing the token once if the service says it is no longer valid. */
  async call<K extends OperationId>(id: K, input: CallInput<K>): Promise<CallResult<K>> {
    try {
      return await this.client.call(id, input);
    } catch (err) {
      if (!isAuthError(err)) throw err;
      if (!(await this.tokens.refresh().catch(() => false))) {
        this.onSignedOut();
        throw err;
      }
      return this.client.call(id, input);
    }
  }
}
