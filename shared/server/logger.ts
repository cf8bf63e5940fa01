import pino, { type Logger } from 'pino';

/** JSON lines by default; pretty lines for people when asked. */
export function createLogger(opts: { level: string; pretty: boolean; name: string }): Logger {
  if (opts.pretty) {
    return pino({
      name: opts.name,
      level: opts.level,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ name: opts.name, level: opts.level });
}
