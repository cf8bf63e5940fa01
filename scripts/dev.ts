/**
 * `npm run dev`: service and bot restarted on change (tsx watch), and the tab from Vite's dev server
 * with hot reload, proxying API and WebSocket calls to the service.
 */
import { spawn } from 'node:child_process';
import { startTs, superviseAll, type Proc } from './processes';

const shared = { LOG_PRETTY: process.env.LOG_PRETTY ?? 'true', TAB_DIST: '' };
const botPort = process.env.BOT_PORT ?? '3978';
const service = startTs('service', ['--watch', 'shared/server/main.ts'], {
  ...shared,
  // As with `npm start`: round changes without a Teams action (timers, the tab) reach the bot's cards.
  BOT_NOTIFY_URL: process.env.BOT_NOTIFY_URL ?? `http://127.0.0.1:${botPort}/api/stoa/notify`,
});
const bot = startTs('bot', ['--watch', 'bot/main.ts'], { ...shared, BOT_PORT: botPort });
const vite: Proc = {
  name: 'tab',
  child: spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--config', 'tab/vite.config.ts'], {
    stdio: 'inherit',
  }),
};
superviseAll([service, bot, vite]);
console.log(`Dev mode: tab on http://127.0.0.1:5173 (hot reload), service on :3000, bot on :${botPort}.`);
