import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Logger } from 'pino';
import type { BotEnv } from '../env';
import { errorReply } from '../logic/errorReply';
import { toActivity } from './replies';

export interface AdapterOptions {
  /**
   * Where Bot Framework token signing keys are published. Only tests change it, to check the refusal of
   * forged tokens without reaching the internet.
   */
  openIdMetadataUrl?: string;
}

/** An activity refused before any turn ran: 401 for a missing or bad token, 503 when keys could not load. */
export class ActivityRefusedError extends Error {
  constructor(
    readonly status: 401 | 503,
    override readonly cause: unknown,
  ) {
    super(status === 401 ? 'activity not authenticated' : 'activity could not be verified');
    this.name = 'ActivityRefusedError';
  }
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * Whether authentication failed because of the token itself (401) rather than because the signing keys
 * could not be loaded (503, e.g. no route to the Bot Framework's OpenID metadata). botbuilder throws its
 * AuthenticationError with a status, but lets jsonwebtoken's errors through for bad signatures; those
 * classes are internal to botbuilder, so they are recognised by name.
 */
function isBadToken(err: unknown): boolean {
  if (err instanceof AuthenticationError) return err.statusCode < 500;
  return err instanceof Error && JWT_ERRORS.has(err.name);
}

/** Service URLs and audiences a bot talks to are few; the bound only guards against a flood of odd ones. */
const CONNECTOR_CACHE_MAX = 100;

/**
 * botbuilder builds a new connector client (a whole HTTP pipeline) for every incoming activity, even an
 * invoke that never calls Teams; under a burst of answers that was the bot's largest cost. A client holds
 * nothing of the turn (its credentials cache their own tokens), so one per service URL and audience is kept.
 */
class CachingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly cache: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  override create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${serviceUrl}\n${audience ?? ''}`;
    let client = this.cache.get(key);
    if (!client) {
      if (this.cache.size >= CONNECTOR_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
      client = this.inner.create(serviceUrl, audience);
      this.cache.set(key, client);
      client.catch(() => this.cache.delete(key));
    }
    return client;
  }
}

/**
 * Likewise for the user-token client (OAuth sign-in, which Stoa does not use) that botbuilder builds for
 * every activity: one per app id is kept.
 */
class CachingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';
    let client = this.userTokenClients.get(key);
    if (!client) {
      if (this.userTokenClients.size >= CONNECTOR_CACHE_MAX) this.userTokenClients.clear();
      client = super.createUserTokenClient(identity);
      this.userTokenClients.set(key, client);
      client.catch(() => this.userTokenClients.delete(key));
    }
    return client;
  }
}

/** CloudAdapter with a public entry that takes an already parsed activity (the HTTP layer validates it). */
export class StoaAdapter extends CloudAdapter {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();

  /**
   * Authenticates the request (Bot Framework JWT unless anonymous), then runs one turn. Authentication
   * runs on its own so that every failure there, whatever botbuilder throws (its AuthenticationError, a
   * jsonwebtoken error for a forged signature, a fetch error), is a refusal and never a turn error.
   */
  async runActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    let auth: AuthenticateRequestResult;
    try {
      auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw new ActivityRefusedError(isBadToken(err) ? 401 : 503, err);
    }
    if (auth.connectorFactory)
      auth = {
        ...auth,
        connectorFactory: new CachingConnectorFactory(auth.connectorFactory, this.connectors),
      };
    return this.processActivity(auth, activity, logic);
  }
}

/** The adapter: anonymous with an empty MicrosoftAppId, Bot Framework auth otherwise. */
export function createAdapter(env: BotEnv, log: Logger, opts: AdapterOptions = {}): StoaAdapter {
  const config: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: env.MicrosoftAppId,
    MicrosoftAppPassword: env.MicrosoftAppPassword,
    MicrosoftAppType: env.MicrosoftAppType,
    MicrosoftAppTenantId: env.MicrosoftAppTenantId,
  };
  if (opts.openIdMetadataUrl) {
    // Setting any endpoint switches botbuilder from its built-in public-cloud settings to "all given",
    // so the other public-cloud values are spelled out with it.
    Object.assign(config, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: opts.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    });
  }
  const adapter = new StoaAdapter(new CachingAuthentication(config));

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    log.error(
      {
        err: error,
        conversationId: activity.conversation?.id,
        activityType: activity.type,
        activityId: activity.id,
      },
      'turn failed',
    );
    try {
      await context.sendActivity(toActivity(errorReply(error)));
    } catch (sendError) {
      // The connector itself may be what failed; the turn is logged, there is nobody else to tell.
      log.warn(
        { err: sendError, conversationId: activity.conversation?.id },
        'could not send the error reply',
      );
    }
  };
  return adapter;
}
