import type { ChildProcess } from 'node:child_process';

const owned = new Set<ChildProcess>();
let armed = false;

/** Kills the children registered here whenever this process exits, however it exits. */
export function own(child: ChildProcess): ChildProcess {
  owned.add(child);
  if (!armed) {
    armed = true;
    process.on('exit', () => {
      for (const c of owned) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
  }
  return child;
}

/** Ends the benchmark with an error if it has not finished after `ms` (a bounded run, whatever hangs). */
export function deadline(ms: number, what: string): void {
  setTimeout(() => {
    console.error(`${what}: did not finish within ${Math.round(ms / 1000)} s, giving up`);
    process.exit(1);
  }, ms).unref();
}
