import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { ConversationKind, ConversationRef } from '../../shared/contract/classes';
import { LIMITS } from '../../shared/contract/limits';
import type { ConversationInput, Who } from '../logic/types';

const id = z.string().trim().min(1).max(LIMITS.idMax);

/** The parts of Teams' channelData the bot reads; anything malformed is treated as absent. */
interface ChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  meeting?: { id?: string };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A trimmed id within the limits, or undefined (as `id` parses it, without zod's cost on every turn). */
function idIn(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length >= 1 && t.length <= LIMITS.idMax ? t : undefined;
}

function part(v: unknown, withName: boolean): { id?: string; name?: string } | undefined {
  if (!isRecord(v)) return undefined;
  const out: { id?: string; name?: string } = {};
  const pid = idIn(v.id);
  if (pid !== undefined) out.id = pid;
  if (withName && typeof v.name === 'string') out.name = v.name;
  return out;
}

/**
 * Read by hand rather than with a zod schema of `.catch()`es: it runs twice on every turn, and a class
 * answering at once made it a visible share of the bot's CPU.
 */
function readChannelData(raw: unknown): ChannelData {
  if (!isRecord(raw)) return {};
  const data: ChannelData = {};
  const tenant = part(raw.tenant, false);
  const team = part(raw.team, true);
  const channel = part(raw.channel, true);
  const meeting = part(raw.meeting, false);
  if (tenant) data.tenant = tenant;
  if (team) data.team = team;
  if (channel) data.channel = channel;
  if (meeting) data.meeting = meeting;
  return data;
}

function channelData(activity: Partial<Activity>): ChannelData {
  return readChannelData(activity.channelData);
}

function clip(text: string | undefined, max: number): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max).trim();
}

/** The name of a user Teams sent without one. */
export const UNNAMED = 'Teams user';

/** The Teams user of the activity, or null when it does not name one (no tenant or aadObjectId). */
export function whoFrom(activity: Partial<Activity>): Who | null {
  const tenant = id.safeParse(channelData(activity).tenant?.id ?? activity.conversation?.tenantId);
  const user = id.safeParse(activity.from?.aadObjectId);
  if (!tenant.success || !user.success) return null;
  const name = clip(typeof activity.from?.name === 'string' ? activity.from.name : '', LIMITS.displayNameMax);
  return { tenantId: tenant.data, userId: user.data, name: name || UNNAMED };
}

function kindOf(activity: Partial<Activity>, data: ChannelData): ConversationKind {
  if (data.meeting?.id) return 'meeting';
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'groupChat';
    case 'personal':
      return 'personal';
    default:
      if (data.team?.id) return 'channel';
      return activity.conversation?.isGroup ? 'groupChat' : 'personal';
  }
}

function className(kind: ConversationKind, activity: Partial<Activity>, data: ChannelData, who: Who | null) {
  const max = LIMITS.classNameMax;
  const team = clip(data.team?.name, max);
  const channel = clip(data.channel?.name, max);
  const chat = clip(activity.conversation?.name, max);
  if (kind === 'channel' && team) return clip(channel ? `${team} - ${channel}` : team, max);
  if (chat) return chat;
  if (kind === 'meeting') return 'Meeting class';
  if (kind === 'groupChat') return 'Group chat class';
  if (kind === 'channel') return 'Channel class';
  return clip(who ? `${who.name}'s class` : 'My class', max);
}

/**
 * The conversation of the activity as the service knows it. A reply in a channel thread carries
 * `;messageid=...`; the class belongs to the channel, so that suffix is dropped.
 */
export function conversationFrom(activity: Partial<Activity>, who: Who | null): ConversationInput | null {
  const data = channelData(activity);
  const kind = kindOf(activity, data);
  const raw = typeof activity.conversation?.id === 'string' ? activity.conversation.id : '';
  const conversationId = id.safeParse(raw.split(';messageid=')[0]);
  if (!conversationId.success) return null;
  const ref: ConversationRef = { kind, conversationId: conversationId.data };
  if (data.team?.id) ref.teamId = data.team.id;
  if (data.channel?.id) ref.channelId = data.channel.id;
  if (data.meeting?.id) ref.meetingId = data.meeting.id;
  return { ref, suggestedName: className(kind, activity, data, who) };
}
