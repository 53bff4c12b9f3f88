import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger, ServiceContext } from '@nusa/platform';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import { recordAudit } from '../audit/audit.service.js';
import { WebhookDeliveryStatus, type WebhookEventType } from './webhook.enums.js';
import { postWebhook, type WebhookOutcome, type WebhookPost } from './webhook.post.js';
import { WebhookAttemptEntity } from './webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook-endpoint.entity.js';

/** How the crm sends webhooks (settings `WEBHOOK_*`, see config.ts). */
export interface WebhookSettings {
  /** Whether this instance sends deliveries; events are recorded either way. Default true. */
  deliver: boolean;
  /** How often due deliveries are looked for when nothing wakes the dispatcher. Default 1,000 ms. */
  pollIntervalMs: number;
  /** How long one POST may take, answer included. Default 10,000 ms. */
  timeoutMs: number;
  /** The wait after the first failed attempt; it doubles with each failure. Default 30 s. */
  retryInitialMs: number;
  /** The longest wait between two attempts. Default 1 h. */
  retryMaxMs: number;
  /** How long after its creation a delivery is still retried; then it is FAILED. Default 25 h. */
  retryWindowMs: number;
  /** Failed attempts in a row, over all its deliveries, after which an endpoint is disabled. Default 50. */
  disableAfterFailures: number;
  /** Deliveries sent at once by this instance. Default 4. */
  concurrency: number;
  /** Whether endpoints may be on this host or a private network (tests, an on-premises receiver). Default false. */
  allowPrivateAddresses: boolean;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  deliver: true,
  pollIntervalMs: 1_000,
  timeoutMs: 10_000,
  retryInitialMs: 30_000,
  retryMaxMs: 3_600_000,
  retryWindowMs: 25 * 3_600_000,
  disableAfterFailures: 50,
  concurrency: 4,
  allowPrivateAddresses: false,
};

/** Events turned into deliveries per transaction. */
const FAN_OUT_BATCH = 200;
/** The audit trail's actor for what the dispatcher does by itself. */
const DISPATCHER: ServiceContext = { caller: { kind: 'service', name: 'crm webhook dispatcher' }, requestId: 'webhook-dispatcher' };

/** The wait after the `attempt`-th failed attempt: `retryInitialMs` doubling, at most `retryMaxMs`. */
export function retryDelayMs(settings: WebhookSettings, attempt: number): number {
  return Math.min(settings.retryInitialMs * 2 ** Math.min(attempt - 1, 40), settings.retryMaxMs);
}

/** A claimed row as the driver returns it: timestamps may come as text, JSON as text or parsed. */
interface DueRow {
  id: string;
  attempt_count: number;
  created_at: Date | string;
  endpoint_id: string;
  url: string;
  secret: string;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date | string;
  payload: Record<string, unknown> | string;
}

interface DueDelivery extends WebhookPost {
  id: string;
  attempt_count: number;
  created_at: Date;
  endpoint_id: string;
}

/**
 * The due delivery to send next, locked until its transaction ends; others skip it (`SKIP LOCKED`),
 * so two instances never send it at once. A delivery waits while an earlier one of the same entity
 * to the same endpoint is pending: events of one entity arrive in order.
 */
const CLAIM = `select d.id, d.attempt_count, d.created_at, d.endpoint_id, ep.url, ep.secret, ev.id as event_id, ev.type, ev.occurred_at, ev.payload
  from webhook_delivery d
  join webhook_endpoint ep on ep.id = d.endpoint_id
  join webhook_event ev on ev.id = d.event_id
  where d.status = 'PENDING' and d.next_attempt_at <= ? and ep.enabled
    and not exists (
      select 1 from webhook_delivery p
      where p.endpoint_id = d.endpoint_id and p.entity_id = d.entity_id and p.status = 'PENDING' and p.seq < d.seq
    )
  order by d.next_attempt_at, d.seq
  limit 1
  for update of d skip locked`;

/** One delivery for each event not yet fanned out and each endpoint enabled and subscribed when it occurred, in event order. */
const FAN_OUT = `insert into webhook_delivery (id, endpoint_id, event_id, entity_id, status, attempt_count, next_attempt_at, created_at)
  select gen_random_uuid(), ep.id, ev.id, ev.entity_id, 'PENDING', 0, ?, ?
  from webhook_event ev
  join webhook_endpoint ep on ep.enabled and ev.type = any(ep.event_types) and ep.created_at <= ev.occurred_at
  where ev.id in (?)
  order by ev.seq, ep.id`;

/**
 * Sends the outbox's events to the endpoints subscribed to them, inside the crm process: fans new
 * events out into deliveries, POSTs each due delivery signed with its endpoint's secret, records
 * every attempt and its answer, retries with exponential backoff within the retry window, and
 * disables an endpoint that keeps failing. Everything it knows is in PostgreSQL, so a restart (or
 * another instance) picks up where it stopped.
 */
export class WebhookDispatcher {
  private stopped = false;
  private again = false;
  private loop: Promise<void> | undefined;
  private interrupt: (() => void) | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
  ) {}

  /** Starts the loop (when this instance delivers). */
  start(): void {
    if (!this.settings.deliver || this.loop) return;
    this.loop = this.run();
  }

  /** Looks again now: a change with an event has just committed. */
  wake(): void {
    this.again = true;
    this.interrupt?.();
  }

  /** Stops looking for work and waits for the attempts in flight (each bounded by the timeout) to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.again = false;
      try {
        await this.fanOut();
        // One look first, so an idle poll costs one claim query rather than one per worker.
        if (await this.deliverOne()) await Promise.all(Array.from({ length: this.settings.concurrency }, () => this.drain()));
      } catch (error) {
        this.logger.error({ err: error }, 'webhook dispatch failed; trying again at the next poll');
      }
      if (!this.stopped && !this.again) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.settings.pollIntervalMs);
      const interrupt = () => done();
      this.interrupt = interrupt;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.deliverOne()));
  }

  /** Turns new events into deliveries, one instance at a time (an advisory lock), so deliveries are created in event order. */
  private async fanOut(): Promise<void> {
    // An idle poll asks one indexed question, outside any transaction, before taking the lock.
    const [waiting] = await this.orm.em
      .getConnection()
      .execute<unknown[]>('select 1 from webhook_event where fanned_out_at is null limit 1');
    if (!waiting) return;
    for (;;) {
      const count = await this.orm.em.fork().transactional(async (tx) => {
        const [lock] = await tx.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext('webhook_fan_out')) as locked`);
        if (!lock?.locked) return 0;
        const events = await tx.execute<{ id: string }[]>('select id from webhook_event where fanned_out_at is null order by seq limit ?', [
          FAN_OUT_BATCH,
        ]);
        if (events.length === 0) return 0;
        const ids = events.map((event) => event.id);
        const now = new Date();
        await tx.execute(FAN_OUT, [now, now, ids]);
        await tx.execute('update webhook_event set fanned_out_at = ? where id in (?)', [now, ids]);
        return events.length;
      });
      if (count < FAN_OUT_BATCH) return;
    }
  }

  /** Sends one due delivery and records the attempt, holding its row lock throughout; false when none is due. */
  private deliverOne(): Promise<boolean> {
    return this.orm.em.fork().transactional(async (tx) => {
      const [row] = await tx.execute<DueRow[]>(CLAIM, [new Date()]);
      if (!row) return false;
      const due: DueDelivery = {
        ...row,
        created_at: new Date(row.created_at),
        occurred_at: new Date(row.occurred_at),
        payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
      };
      const at = new Date();
      const outcome = await postWebhook(due, at, this.settings);
      await this.record(tx, due, at, outcome);
      return true;
    });
  }

  private async record(tx: EntityManager, due: DueDelivery, at: Date, outcome: WebhookOutcome): Promise<void> {
    const number = due.attempt_count + 1;
    const delivered = outcome.error === null;
    // Counted from the attempt's start, so the recorded schedule is exactly the backoff.
    const retryAt = new Date(at.getTime() + retryDelayMs(this.settings, number));
    const givingUp = !delivered && retryAt.getTime() > due.created_at.getTime() + this.settings.retryWindowMs;
    const nextAttemptAt = delivered || givingUp ? null : retryAt;
    tx.create(WebhookAttemptEntity, {
      delivery: tx.getReference(WebhookDeliveryEntity, due.id),
      number,
      at,
      statusCode: outcome.statusCode,
      responseBody: outcome.responseBody,
      durationMs: outcome.durationMs,
      error: outcome.error,
      nextAttemptAt,
    });
    await tx.nativeUpdate(
      WebhookDeliveryEntity,
      { id: due.id },
      {
        status: delivered ? WebhookDeliveryStatus.DELIVERED : givingUp ? WebhookDeliveryStatus.FAILED : WebhookDeliveryStatus.PENDING,
        attemptCount: number,
        nextAttemptAt,
        lastAttemptAt: at,
        deliveredAt: delivered ? new Date() : null,
      },
    );
    if (delivered) {
      await tx.nativeUpdate(WebhookEndpointEntity, { id: due.endpoint_id, consecutiveFailures: { $gt: 0 } }, { consecutiveFailures: 0 });
      return;
    }
    const endpoint = await tx.findOneOrFail(WebhookEndpointEntity, { id: due.endpoint_id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    endpoint.consecutiveFailures += 1;
    if (endpoint.enabled && endpoint.consecutiveFailures >= this.settings.disableAfterFailures) {
      const reason = `${endpoint.consecutiveFailures} attempts in a row failed; the last, at ${at.toISOString()}: ${outcome.error}`;
      const before = { enabled: true, disabledReason: endpoint.disabledReason };
      endpoint.enabled = false;
      endpoint.disabledReason = reason;
      endpoint.disabledAt = new Date();
      recordAudit(tx, DISPATCHER, {
        action: AuditAction.WEBHOOK_ENDPOINT_DISABLED,
        entityType: AuditEntityType.WEBHOOK_ENDPOINT,
        entityId: endpoint.id,
        before,
        after: { enabled: false, disabledReason: reason },
      });
      this.logger.warn({ endpointId: endpoint.id, url: endpoint.url, reason }, 'webhook endpoint disabled');
    }
  }
}
