import pino, { type Logger } from 'pino';
import { traceFields } from './telemetry/tracing';

/** JSON lines by default; pretty lines for people when asked. Lines written inside a trace carry its ids. */
export function createLogger(opts: { level: string; pretty: boolean; name: string }): Logger {
  if (opts.pretty) {
    return pino({
      name: opts.name,
      level: opts.level,
      mixin: traceFields,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
    });
  }
  return pino({ name: opts.name, level: opts.level, mixin: traceFields });
}
