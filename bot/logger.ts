import pino, { type Logger } from 'pino';

/** JSON lines by default; pretty lines for people when asked (`npm start` asks). */
export function createBotLogger(opts: { level: string; pretty: boolean }): Logger {
  if (opts.pretty) {
    return pino({
      name: 'stoa-bot',
      level: opts.level,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ name: 'stoa-bot', level: opts.level });
}
