import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger, ServiceClient } from '@nusa/platform';

/** The crm's internal route that records relayed webhook events (see the crm's webhook-event.routes.ts). */
export const WEBHOOK_EVENTS_ROUTE = '/internal/webhook-events';

const MEMORY = { kind: 'service', name: 'memory' } as const;

/** How the relay hands outbox rows to the crm. */
export interface OutboxRelaySettings {
  /** How often unrelayed rows are looked for when nothing wakes the relay. Default 1,000 ms. */
  pollIntervalMs: number;
  /** The wait after the first failed hand-over; it doubles with each failure in a row. Default 1,000 ms. */
  retryInitialMs: number;
  /** The longest wait after failures. Default 60,000 ms. */
  retryMaxMs: number;
  /** Rows handed over in one request. Default 50. */
  batchSize: number;
}

export const DEFAULT_OUTBOX_RELAY_SETTINGS: OutboxRelaySettings = {
  pollIntervalMs: 1_000,
  retryInitialMs: 1_000,
  retryMaxMs: 60_000,
  batchSize: 50,
};

/** The next unrelayed rows, locked until their transaction ends; another instance skips them. */
const CLAIM = `select id, type, entity_type, entity_id, payload, occurred_at from outbox_event
  where relayed_at is null order by seq limit ? for update skip locked`;

interface OutboxRow {
  id: string;
  type: string;
  entity_type: string;
  entity_id: string;
  payload: Record<string, unknown> | string;
  occurred_at: Date | string;
}

/**
 * Hands memory's outbox to the crm, which sends the webhooks: rows in insertion order, a batch per
 * request, each row marked relayed in the transaction that holds its lock, and only once the crm has
 * recorded it. A failed hand-over leaves the rows unrelayed and is tried again after a backoff, so a
 * crm that is down loses nothing; the crm records an event id once, so a hand-over repeated after a
 * lost answer sends nothing twice.
 */
export class OutboxRelay {
  private stopped = false;
  private again = false;
  private failures = 0;
  private loop: Promise<void> | undefined;
  private interrupt: (() => void) | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly crm: ServiceClient,
    private readonly settings: OutboxRelaySettings,
    private readonly logger: Logger,
  ) {}

  /** Starts the loop. */
  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  /** Looks again now (a row has just committed), unless it is waiting out a failure. */
  wake(): void {
    if (this.failures > 0) return;
    this.again = true;
    this.interrupt?.();
  }

  /** Stops looking for work and waits for a hand-over in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.again = false;
      let full = false;
      try {
        full = (await this.relayBatch()) === this.settings.batchSize;
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        this.logger.warn({ err: error, failures: this.failures }, 'outbox relay to the crm failed; trying again later');
      }
      if (this.stopped || full || this.again) continue;
      await this.pause(this.failures > 0 ? this.backoffMs() : this.settings.pollIntervalMs);
    }
  }

  private backoffMs(): number {
    return Math.min(this.settings.retryInitialMs * 2 ** Math.min(this.failures - 1, 30), this.settings.retryMaxMs);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.interrupt = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  /** Hands one batch over; how many rows it relayed. */
  private async relayBatch(): Promise<number> {
    // An idle poll asks one indexed question, outside any transaction.
    const [waiting] = await this.orm.em.getConnection().execute<unknown[]>('select 1 from outbox_event where relayed_at is null limit 1');
    if (!waiting) return 0;
    return this.orm.em.fork().transactional(async (tx) => {
      const rows = await tx.execute<OutboxRow[]>(CLAIM, [this.settings.batchSize]);
      if (rows.length === 0) return 0;
      const events = rows.map((row) => ({
        id: row.id,
        type: row.type,
        entityType: row.entity_type,
        entityId: row.entity_id,
        payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
        occurredAt: new Date(row.occurred_at).toISOString(),
      }));
      await this.crm.post(WEBHOOK_EVENTS_ROUTE, { events }, { as: MEMORY, requestId: 'outbox-relay' });
      await tx.execute('update outbox_event set relayed_at = ? where id in (?)', [new Date(), rows.map((row) => row.id)]);
      return rows.length;
    });
  }
}
