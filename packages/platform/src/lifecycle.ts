import type { Logger } from './logger.js';

/**
 * Stops the service cleanly on SIGTERM or SIGINT: runs `stop` once, exits 0 when it finishes,
 * and exits 1 if it has not finished within `deadlineMs` (default 25 s, inside a 30 s kill timeout).
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, deadlineMs = 25_000): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error({ deadlineMs }, 'stop did not finish in time; exiting');
      process.exit(1);
    }, deadlineMs);
    timer.unref();
    stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}
