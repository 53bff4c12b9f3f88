import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Logger } from '@nusa/platform';

/** More unexpected worker exits than this within {@link CRASH_WINDOW_MS} stop the gateway: something is wrong at start. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;
/** How long a stop waits for workers to finish their own graceful stop (inside a 30 s kill timeout). */
const STOP_DEADLINE_MS = 25_000;

const METRICS_REQUEST = 'nusa:metrics-request';
const METRICS_ANSWER = 'nusa:metrics-answer';

interface MetricsMessage {
  type: typeof METRICS_REQUEST | typeof METRICS_ANSWER;
  id: number;
  text?: string;
  error?: string;
}

function isMetricsMessage(message: unknown): message is MetricsMessage {
  const type = (message as { type?: unknown } | null)?.type;
  return type === METRICS_REQUEST || type === METRICS_ANSWER;
}

/** Whether this process is one of several gateway workers (`WORKERS` > 1). */
export function isGatewayWorker(): boolean {
  return cluster.isWorker;
}

/**
 * The primary of `count` gateway workers (node:cluster): every worker runs the whole gateway
 * (HTTP and graphql-ws, its own subgraph pools and upstream subscriptions) behind the one port the
 * primary holds, which hands each new connection to a worker in turn. A worker that dies is
 * replaced; SIGTERM or SIGINT stops every worker gracefully, then the primary. `/metrics` on any
 * worker answers for all of them (the primary collects them over IPC).
 */
export function runWorkerPrimary(count: number, logger: Logger, onListening: (port: number) => void): void {
  const aggregator = new AggregatorRegistry();
  const crashes: number[] = [];
  let stopping = false;
  let announced = false;

  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isMetricsMessage(message) || message.type !== METRICS_REQUEST) return;
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: METRICS_ANSWER, id: message.id, text } satisfies MetricsMessage),
        (error: unknown) => worker.send({ type: METRICS_ANSWER, id: message.id, error: String(error) } satisfies MetricsMessage),
      );
    });
    worker.on('listening', (address) => {
      if (announced) return;
      announced = true;
      onListening(address.port);
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    crashes.push(now);
    while (crashes.length > 0 && (crashes[0] as number) < now - CRASH_WINDOW_MS) crashes.shift();
    if (crashes.length > MAX_CRASHES) {
      logger.fatal({ worker: worker.id, code, signal, crashes: crashes.length }, 'gateway workers keep exiting; stopping');
      process.exit(1);
    }
    logger.error({ worker: worker.id, code, signal }, 'gateway worker exited; starting another');
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'stopping gateway workers');
    const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined);
    // A worker still starting has no handler yet and ends by the signal itself: that is a clean stop too.
    const exited = workers.map(
      (worker) => new Promise<boolean>((resolve) => worker.once('exit', (code, signal) => resolve(code === 0 || signal === 'SIGTERM'))),
    );
    for (const worker of workers) worker.process.kill('SIGTERM');
    const timer = setTimeout(() => {
      logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'gateway workers did not stop in time; exiting');
      for (const worker of workers) worker.process.kill('SIGKILL');
      process.exit(1);
    }, STOP_DEADLINE_MS);
    timer.unref();
    void Promise.all(exited).then((clean) => {
      logger.info('stopped');
      process.exit(clean.every(Boolean) ? 0 : 1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  for (let index = 0; index < count; index += 1) fork();
}

/**
 * How a gateway serves `/metrics`: alone, its own registries; as one of several workers, the sum
 * over every worker, which the primary collects (a scrape may reach any worker).
 */
export function metricsScrape(ownScrape: () => Promise<string>, registries: Registry[]): () => Promise<string> {
  if (!cluster.isWorker) return ownScrape;
  // Constructing one installs prom-client's answer to the primary's collection, from these registries.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries(registries);
  const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isMetricsMessage(message) || message.type !== METRICS_ANSWER) return;
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      process.send?.({ type: METRICS_REQUEST, id } satisfies MetricsMessage);
    });
}
