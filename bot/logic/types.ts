import type { ConversationRef } from '../../shared/contract/classes';
import type { StoaClient } from '../../shared/client/client';
import type { TeamsStanding } from '../../shared/contract/teams';
import type { AdaptiveCard } from '../cards/adaptive';

/** The Teams user a turn acts for: the service knows them as (tenantId, aadObjectId). */
export interface Who {
  tenantId: string;
  /** Entra object id (`from.aadObjectId`). */
  userId: string;
  name: string;
  /**
   * The conversation of the turn, where Teams showed the bot this person: the service lets them take part
   * in that conversation's class from their first action. Absent outside a turn (notifications).
   */
  conversationId?: string;
}

/** The conversation a turn happens in, and the name a new class would get. */
export interface ConversationInput {
  ref: ConversationRef;
  suggestedName: string;
}

/** A member of the Teams conversation: `mri` is the id Teams uses in cards (`refresh.userIds`). */
export interface TeamsMember {
  mri: string;
  /** Entra object id, as the service knows the person. */
  userId: string;
  name: string;
}

/** What the logic may ask Teams about the conversation of a turn; the glue implements it. */
export interface ConversationPort {
  /** Up to `max` members; `more` is true when the conversation has others (or could not be listed). */
  members(max: number): Promise<{ members: TeamsMember[]; more: boolean }>;
  /** One member by Entra object id, or null when Teams does not know them here. */
  member(userId: string): Promise<TeamsMember | null>;
}

/** What the bot says back, without any Bot Framework type; the Teams glue turns it into activities. */
export type Reply =
  | { type: 'text'; text: string }
  | { type: 'card'; card: AdaptiveCard; summary: string }
  /** Post a round's one card, then record where it is (as `recordAs`) so later updates find it. */
  | {
      type: 'roundCard';
      roundId: string;
      card: AdaptiveCard;
      summary: string;
      recordAs: Who;
      then?: AfterCard;
    }
  /** Replace a posted card in place; with `recordRound`, that card becomes the round's card. */
  | {
      type: 'updateCard';
      activityId: string;
      /** Where the card is, when that is not the conversation of the turn (a channel thread). */
      conversationId?: string;
      card: AdaptiveCard;
      recordRound?: { roundId: string; recordAs: Who; then?: AfterCard };
    };

/** Work that must wait until a round's card is posted and recorded (starting the round); its replies follow. */
export type AfterCard = (where: { conversationId: string; activityId: string }) => Promise<Reply[]>;

/** The answer to a card action (`adaptiveCard/action` invoke): the invoker's new card, or an error. */
export type InvokeAnswer =
  | { kind: 'card'; card: AdaptiveCard }
  | {
      kind: 'error';
      status: 400 | 500 | 503;
      code: 'BadRequest' | 'InternalError' | 'ServiceUnavailable';
      message: string;
    };

/** A card action's outcome: the invoke answer, and what else to send or update for everyone. */
export interface InvokeResult {
  /** A function when the answer depends on replies sent first (a round started after its card was posted). */
  answer: InvokeAnswer | (() => InvokeAnswer);
  replies: Reply[];
}

/** Everything the logic needs from outside: the service, reached as the user of the turn. */
export interface LogicDeps {
  /** A client whose calls carry an act-as token for `who`. */
  stoaFor(who: Who): StoaClient;
  /**
   * Stores the conversation reference of a class in the service (so any bot instance can update cards
   * later). Never throws: a failure is logged and the turn goes on.
   */
  rememberConversation(who: Who, classId: string, reference: Record<string, unknown>): Promise<void>;
  /** Clock, so tests and titles agree on "today". */
  now(): number;
}

/** One turn of a known Teams user in a conversation, as the logic sees it. */
export interface Turn {
  deps: LogicDeps;
  who: Who;
  /** The user's Teams id (MRI), for `refresh.userIds`; null when Teams gave none. */
  mri: string | null;
  conversation: ConversationInput;
  port: ConversationPort;
  /** The conversation reference of this turn (plain JSON), stored in the service on every turn. */
  reference: Record<string, unknown>;
  /** The Teams client's locale (`sv-SE`), for text the bot writes on the class's behalf; absent if unknown. */
  locale?: string;
  /**
   * What Teams says about the turn's user here (membership, meeting role, team owner), read from the
   * connector and cached briefly; `installer` when this turn is them adding the app. Absent outside turns.
   */
  standing?: (opts?: { installer?: boolean }) => Promise<TeamsStanding>;
}
