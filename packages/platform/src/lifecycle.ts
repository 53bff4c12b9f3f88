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

/**
 * The Node flags every service runs with: under the launcher (`npm start`), in the image's CMD, in
 * Fly's processes (the deployment-file test checks those two) and in the benchmarks and the soak.
 * They start the young generation at its full size (16 MB per semi-space, V8's own maximum on
 * 64-bit). V8 otherwise starts it at 1 MB and doubles it under load, so a service's resident memory
 * rose by 10-15 MB over its first minutes of traffic, which reads as a leak in a soak (`npm run soak`
 * showed the young generation 18 -> 32 MB while the old generation held steady).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--min-semi-space-size=16'];
