/**
 * `npm start`: the service (REST, real time, and the built tab) and the bot, on the embedded SQLite
 * store in dev auth mode unless the environment says otherwise.
 * `npm run start:prod` runs this file as built (`dist/start.js`): then it starts the built service and bot
 * with plain `node` (no tsx) and leaves logs as JSON lines.
 */
import { fileURLToPath } from 'node:url';
import { startNode, startTs, superviseAll, waitForUrl, type Proc } from './processes';

// Built by scripts/build.ts into dist/start.js, beside dist/server/main.js and dist/bot/main.js.
const built = import.meta.url.endsWith('.js');
const launch = (name: string, entry: string, env: Record<string, string>): Proc =>
  built
    ? startNode(name, [fileURLToPath(new URL(`./${entry}.js`, import.meta.url))], env)
    : startTs(name, [entry === 'server/main' ? 'shared/server/main.ts' : 'bot/main.ts'], env);

const port = process.env.PORT ?? '3000';
const botPort = process.env.BOT_PORT ?? '3978';
const host = process.env.HOST ?? '127.0.0.1';
const serviceUrl = `http://${host}:${port}`;
const shared = { LOG_PRETTY: process.env.LOG_PRETTY ?? (built ? 'false' : 'true') };

const service = launch('service', 'server/main', {
  ...shared,
  PORT: port,
  HOST: host,
  // The service tells the bot when a round changes without a Teams action (timers, the tab).
  BOT_NOTIFY_URL: process.env.BOT_NOTIFY_URL ?? `http://127.0.0.1:${botPort}/api/stoa/notify`,
});
const bot = launch('bot', 'bot/main', {
  ...shared,
  BOT_PORT: botPort,
  STOA_SERVICE_URL: process.env.STOA_SERVICE_URL ?? serviceUrl,
});
superviseAll([service, bot]);

const [serviceUp, botUp] = await Promise.all([
  waitForUrl(`${serviceUrl}/healthz`),
  waitForUrl(`http://127.0.0.1:${botPort}/healthz`),
]);
if (serviceUp && botUp) {
  console.log(`
  Stoa is running.
    Tab (open in a browser, dev sign-in):  ${serviceUrl}/
    REST API:                              ${serviceUrl}/api/v1  (OpenAPI: ${serviceUrl}/api/v1/openapi.json)
    Notes (WebSocket):                     ws://${host}:${port}/collab
    Bot endpoint:                          http://127.0.0.1:${botPort}/api/messages
  Press Ctrl+C to stop.
`);
} else {
  console.error('Stoa did not come up in time; see the logs above.');
}
