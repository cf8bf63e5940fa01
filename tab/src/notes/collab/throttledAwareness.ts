import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

type LocalState = Record<string, unknown>;

/**
 * Presence that leaves the browser at most once per interval. Carets move on every keystroke and the
 * service re-broadcasts each presence update to everyone in the note (N² traffic), so the last state of a
 * burst is sent when the interval ends (trailing edge) and the ones in between are never sent.
 * Leaving (`null`) is sent at once. Reads see the latest state, sent or not, so callers that merge
 * fields (`setLocalStateField`) do not lose each other's changes.
 */
export class ThrottledAwareness extends Awareness {
  // Not initialised here: Awareness' constructor calls setLocalState before subclass fields exist.
  declare private intervalMs: number | undefined;
  declare private pending: LocalState | undefined;
  declare private timer: ReturnType<typeof setTimeout> | null | undefined;
  declare private lastSent: number | undefined;

  constructor(doc: Y.Doc, intervalMs: number) {
    super(doc);
    this.intervalMs = intervalMs;
  }

  override getLocalState(): LocalState | null {
    return this.pending ?? super.getLocalState();
  }

  override setLocalState(state: LocalState | null): void {
    const interval = this.intervalMs;
    if (!interval || state === null) {
      // Also the path of Awareness' constructor (no interval yet): its empty state does not start a window.
      this.cancel();
      super.setLocalState(state);
      return;
    }
    const wait = (this.lastSent ?? 0) + interval - Date.now();
    if (wait <= 0 && !this.timer) {
      this.send(state);
      return;
    }
    this.pending = state;
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, wait));
  }

  /** Sends a held-back state now (before the page hides, for instance). */
  flush(): void {
    const state = this.pending;
    this.cancel();
    if (state !== undefined) this.send(state);
  }

  override destroy(): void {
    this.cancel();
    super.destroy();
  }

  private send(state: LocalState | null): void {
    this.lastSent = Date.now();
    super.setLocalState(state);
  }

  private cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = undefined;
  }
}
