import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Structured JSON logs, one logger per service; `level` comes from the validated config.
 * `destination` receives the lines (default: standard output), for tests that read what was logged.
 */
export function createLogger(service: string, level: string, destination?: DestinationStream): Logger {
  const options = { name: service, level, base: { service }, redact: ['req.headers.authorization', 'password', '*.password'] };
  return destination ? pino(options, destination) : pino(options);
}
