import type { ConversationRef } from '../../shared/contract/classes';
import type { StoaClient } from '../../shared/client/client';
import type { AdaptiveCard } from '../cards/adaptive';

/** The Teams user a turn acts for: the service knows them as (tenantId, aadObjectId). */
export interface Who {
  tenantId: string;
  /** Entra object id (`from.aadObjectId`). */
  userId: string;
  name: string;
}

/** The conversation a turn happens in, and the name a new class would get. */
export interface ConversationInput {
  ref: ConversationRef;
  suggestedName: string;
}

/** What the bot says back, without any Bot Framework type; the Teams glue turns it into activities. */
export type Reply = { type: 'text'; text: string } | { type: 'card'; card: AdaptiveCard; summary: string };

/** Everything the logic needs from outside: the service, reached as the user of the turn. */
export interface LogicDeps {
  /** A client whose calls carry an act-as token for `who`. */
  stoaFor(who: Who): StoaClient;
}
