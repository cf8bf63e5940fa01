/**
 * `npm start`: the service (REST, real time, and the built tab) and the bot, on the embedded SQLite
 * store in dev auth mode unless the environment says otherwise.
 */
import { startTs, superviseAll, waitForUrl } from './processes';

const port = process.env.PORT ?? '3000';
const botPort = process.env.BOT_PORT ?? '3978';
const host = process.env.HOST ?? '127.0.0.1';
const serviceUrl = `http://${host}:${port}`;
const shared = { LOG_PRETTY: process.env.LOG_PRETTY ?? 'true' };

const service = startTs('service', ['shared/server/main.ts'], {
  ...shared,
  PORT: port,
  HOST: host,
  // The service tells the bot when a round changes without a Teams action (timers, the tab).
  BOT_NOTIFY_URL: process.env.BOT_NOTIFY_URL ?? `http://127.0.0.1:${botPort}/api/stoa/notify`,
});
const bot = startTs('bot', ['bot/main.ts'], {
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
