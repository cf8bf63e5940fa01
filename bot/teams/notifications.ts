import type { CloudAdapter } from 'botbuilder';
import type { Logger } from 'pino';
import type { BotNotification } from '../../shared/contract/botNotify';
import { Coalescer } from '../logic/notify/coalescer';
import { planNotification } from '../logic/notify/onNotify';
import type { LogicDeps } from '../logic/types';
import { runProactive } from './proactive';
import type { RecordCard } from './replies';

/** Tally updates of one round's card at most this often: each update makes Teams refresh up to 60 views. */
const TALLY_INTERVAL_MS = 3000;

export type NotifyOutcome = 'done' | 'queued' | 'skipped';

/**
 * Carries out the service's notifications in the class's conversation. Phase changes run at once (and
 * cancel a pending tally); tallies and private news are thinned per round, the last one winning.
 */
export class NotificationHandler {
  private readonly tallies: Coalescer;
  /** Card updates of one round run one after another: an older view must never land after a newer one. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: LogicDeps,
    private readonly adapter: CloudAdapter,
    private readonly opts: {
      appId: string;
      log: Logger;
      record: RecordCard;
      requireHttps: boolean;
      tallyIntervalMs?: number;
    },
  ) {
    this.tallies = new Coalescer(opts.tallyIntervalMs ?? TALLY_INTERVAL_MS, (err, roundId) =>
      opts.log.warn({ err, roundId }, 'round card tally update failed'),
    );
  }

  async handle(n: BotNotification): Promise<NotifyOutcome> {
    this.opts.log.debug(
      { roundId: n.roundId, type: n.type, change: 'change' in n ? n.change : n.kind },
      'notification',
    );
    let outcome: NotifyOutcome = 'done';
    const run = () =>
      this.serial(n.roundId, async () => {
        // The round is read when this update's turn comes, so it shows the latest state.
        const plan = await planNotification(this.deps, n);
        if ('skipped' in plan) {
          this.opts.log.info(
            { roundId: n.roundId, type: n.type, reason: plan.skipped },
            'notification skipped',
          );
          outcome = 'skipped';
          return;
        }
        await runProactive(this.adapter, this.opts, plan.job);
      });
    if (n.type === 'round_changed' && n.change === 'phase') {
      this.tallies.drop(n.roundId);
      await run();
      return outcome;
    }
    return (await this.tallies.request(n.roundId, run)) ? outcome : 'queued';
  }

  private serial(roundId: string, work: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(roundId) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.queues.set(roundId, next);
    const forget = () => {
      if (this.queues.get(roundId) === next) this.queues.delete(roundId);
    };
    next.then(forget, forget);
    return next;
  }

  close(): void {
    this.tallies.close();
  }
}
