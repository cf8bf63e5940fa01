import { existsSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases, screenshot } from './browser';
import { startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the stage e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;

/**
 * A TCP relay in front of the service whose link can be cut: `drop()` resets every open connection and
 * refuses new ones until `restore()`, as a Wi-Fi drop does to the browser (Chromium's offline emulation
 * leaves open streams running, so it cannot show this).
 */
interface Relay {
  url: string;
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

async function startRelay(target: URL): Promise<Relay> {
  let down = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) return client.resetAndDestroy();
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    drop() {
      down = true;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore() {
      down = false;
    },
    close() {
      down = true;
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(browsers)('the meeting stage in %s', () => {
  let fx: RoundsFixture;
  let relay: Relay | null = null;

  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-stage', ['Gus Holm', 'Ida Ek']);
  }, 240_000);

  afterAll(async () => {
    await relay?.close();
    await fx?.close();
  });

  it(
    'says when it lost the event stream, recovers by itself and catches up on what it missed',
    async () => {
      const owner = await fx.svc.as(fx.facilitator);
      const round = await owner.call('startRound', {
        params: { sessionId: fx.sessionId },
        body: {
          round: { kind: 'peer_instruction', question: 'Is inertia a force?', options: ['Yes', 'No'] },
        },
      });
      const roundId = round.roundId;
      relay = await startRelay(new URL(fx.svc.url));
      const stage = await fx.open(fx.students[1]!, 'student', null, 1280);
      await stage.goto(`${relay.url}${fx.stagePath()}`);
      const status = stage.getByTestId('round-stream');
      await stage.locator('[data-testid="round-stream"][data-state="open"]').waitFor();
      await stage.getByTestId('stage-count').getByText('0 answered').waitFor();

      relay.drop();
      await stage.locator('[data-testid="round-stream"][data-state="reconnecting"]').waitFor();
      expect(await status.textContent()).toContain('Reconnecting…');

      // While the stage is offline a student answers and the facilitator reveals the results.
      await (
        await fx.svc.as(fx.students[0]!)
      ).call('sendRoundEvent', {
        params: { roundId },
        body: { event: { type: 'answer', option: 1, confidence: 'high' } },
      });
      await owner.call('sendRoundEvent', { params: { roundId }, body: { event: { type: 'advance' } } });
      await owner.call('sendRoundEvent', {
        params: { roundId },
        body: { event: { type: 'advance', to: 'revealed' } },
      });

      relay.restore();
      await stage.locator('[data-testid="round-stream"][data-state="open"]').waitFor({ timeout: 30_000 });
      await stage.locator('[data-testid="stage-round"][data-phase="revealed"]').waitFor();
      await stage.getByTestId('stage-count').getByText('1 answered').waitFor();
      await stage.getByTestId('stage-results').waitFor();
      await screenshot(stage, 'stage-recovered');
    },
    FLOW_TIMEOUT,
  );
});
