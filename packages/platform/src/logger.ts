import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Structured JSON logs, one logger per service; `level` comes from the validated config. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: ['req.headers.authorization', 'password', '*.password'],
  });
}
