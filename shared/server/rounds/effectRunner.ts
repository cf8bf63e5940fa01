import type { BotNotification } from '../../contract/botNotify';
import type { ClassId, SessionId } from '../../contract/ids';
import type { RoundId, RoundState } from '../../contract/rounds';
import type { BotNotifier } from './botNotifier';
import type { WriteBacks } from './noteWriter';
import type { Committed } from './roundEngine';
import type { RoundPublisher } from './roundPublisher';

export interface EffectRunnerDeps {
  publisher: RoundPublisher;
  notifier: BotNotifier;
  writeBacks: WriteBacks;
}

/** Members of the discussion group `index` in a Peer Instruction state. */
function groupMembers(state: RoundState, index: number): string[] {
  return state.kind === 'peer_instruction' ? (state.groups?.[index]?.members ?? []) : [];
}

/**
 * Carries out what committed events ask for, after they are stored: views on the event stream (phase
 * changes at once, tallies coalesced, a student's own view to that student), notifications to the bot
 * (phase, tally, private group and assignment messages) and summaries into the session's notes. Timers
 * need nothing here: the deadline is stored with the phase and the scheduler reads it.
 */
export function runEffects(deps: EffectRunnerDeps, committed: Committed): void {
  const { meta, state } = committed;
  let phaseMoved = false;
  const users = new Set<string>();
  const grouped = new Set<string>();
  const assigned = new Set<string>();
  for (const change of committed.changes) {
    if (change.actor.role === 'student') users.add(change.actor.userId);
    for (const effect of change.effects) {
      switch (effect.type) {
        case 'phase_changed':
          phaseMoved = true;
          // Each phase is announced with the state it began with, in order, before anything later.
          deps.publisher.phase(meta, change.next);
          break;
        case 'groups_formed':
          for (const g of effect.groups) for (const u of g.members) grouped.add(u);
          break;
        case 'group_joined':
          // Everyone in the group has a new partner, not only the one who joined.
          for (const u of groupMembers(change.next, effect.groupIndex)) grouped.add(u);
          grouped.add(effect.userId);
          break;
        case 'questions_assigned':
          for (const a of effect.assignments) for (const u of a.userIds) assigned.add(u);
          break;
        case 'notify':
          if (effect.to.kind === 'users') for (const u of effect.to.userIds) users.add(u);
          break;
        case 'write_back':
          deps.writeBacks.write(
            { sessionId: meta.sessionId, tenantId: meta.tenantId, classId: meta.classId },
            effect.summary,
          );
          break;
        case 'schedule_deadline':
        case 'cancel_deadline':
          break;
      }
    }
  }
  for (const u of grouped) users.add(u);
  for (const u of assigned) users.add(u);
  deps.publisher.changed(meta, state, [...users]);

  const ids = {
    tenantId: meta.tenantId,
    createdBy: meta.createdBy,
    roundId: meta.id as RoundId,
    classId: meta.classId as ClassId,
  };
  const notes: BotNotification[] = [
    {
      type: 'round_changed',
      ...ids,
      sessionId: meta.sessionId as SessionId,
      phase: state.phase,
      change: phaseMoved ? 'phase' : 'tally',
    },
  ];
  if (grouped.size > 0)
    notes.push({ type: 'private_message', ...ids, userIds: [...grouped], kind: 'group_assigned' });
  if (assigned.size > 0) {
    notes.push({ type: 'private_message', ...ids, userIds: [...assigned], kind: 'questions_assigned' });
  }
  for (const n of notes) deps.notifier.send(n);
}
