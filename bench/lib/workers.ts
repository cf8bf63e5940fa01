import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { own } from './watchdog';

/** Commands the bench sends to a load-generator worker (`fanoutWorker.ts`). */
export type WorkerCommand =
  | {
      type: 'connect';
      url: string;
      doc: string;
      kind: 'typist' | 'reader';
      tokens: string[];
      /** Typist ids (marker ids), one per token; readers leave it empty. */
      typistIds: number[];
      /** Presence state readers send once after connecting; null for none. */
      awareness: unknown;
      /** Connections opened at once. */
      batch: number;
    }
  | { type: 'run'; epochNs: string; warmMs: number; measureMs: number; perSecond: number }
  | { type: 'count' }
  | { type: 'stats' }
  | { type: 'close' };

export interface WorkerStats {
  received: number;
  sent: number;
  errors: number;
  unacknowledged: number;
  hist: Array<[number, number]>;
  firstErrors: string[];
}

export interface ConnectResult {
  connected: number;
  errors: number;
  firstErrors: string[];
}

/** A forked load-generator process with request/response IPC. */
export class Worker {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: unknown) => void>();

  private constructor(readonly child: ChildProcess) {
    child.on('message', (msg: { id: number; reply: unknown }) => {
      this.waiting.get(msg.id)?.(msg.reply);
      this.waiting.delete(msg.id);
    });
    child.on('exit', (code) => {
      for (const resolve of this.waiting.values()) resolve({ error: `worker exited with ${code}` });
      this.waiting.clear();
    });
  }

  /** Forks `bench/lib/fanoutWorker.ts` under tsx. */
  static start(): Worker {
    const child = fork(fileURLToPath(new URL('./fanoutWorker.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new Worker(own(child));
  }

  get pid(): number {
    return this.child.pid!;
  }

  request<T>(cmd: WorkerCommand): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, (reply) => resolve(reply as T));
      this.child.send({ id, cmd });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}
