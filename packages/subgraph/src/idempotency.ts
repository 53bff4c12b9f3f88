import { createHash } from 'node:crypto';
import { EntitySchema, type Dictionary, type EntityName } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { MiddlewareFn } from 'type-graphql';
import { clientError, ErrorCode, idempotencyScope, type Logger, type ServiceContext } from '@nusa/platform';
import { RecordReader, type EntityRecord } from './records.js';

/**
 * One keyed write: whose key (`scope`, see `idempotencyScope`), the key, the root field it is for
 * (its response name, so two fields of one mutation keep apart) and a hash of what was asked.
 */
export interface IdempotentRequest {
  scope: string;
  key: string;
  field: string;
  hash: string;
}

/** How a write's result is kept in its service's idempotent-request table (`response`) and given back to a retry. */
export interface ResultCodec<T, R = T> {
  store: (result: T, tx: EntityManager) => unknown;
  replay: (stored: unknown, em: EntityManager) => R | Promise<R>;
}

/** A row of a service's idempotent-request table. */
export interface IdempotentRequestRow {
  scope: string;
  key: string;
  field: string;
  requestHash: string;
  response: unknown;
  createdAt: Date;
}

/** The entity a service's idempotent-request table is known to MikroORM by (for its schema; the writes here are SQL). */
const IDEMPOTENT_REQUEST = 'IdempotentRequest';

/** The schema of a service's idempotent-request table, named `tableName`. */
export function idempotentRequestSchema(tableName: string): EntitySchema<IdempotentRequestRow> {
  return new EntitySchema<IdempotentRequestRow>({
    name: IDEMPOTENT_REQUEST,
    tableName,
    properties: {
      scope: { type: 'string', length: 300, primary: true },
      key: { type: 'string', length: 255, primary: true },
      field: { type: 'string', length: 200, primary: true },
      requestHash: { type: 'string', length: 64 },
      response: { type: 'json', nullable: true },
      createdAt: { type: 'datetime', index: true },
    },
  });
}

/** The idempotent-request table of the service `em` belongs to. */
function tableOf(em: EntityManager): string {
  const meta = em.getMetadata().find(IDEMPOTENT_REQUEST);
  if (!meta) throw new Error('this service has no idempotent-request table: set idempotentRequestsTable in its DatabaseSpec');
  return meta.tableName;
}

/** A result that is JSON already (a Boolean, say), kept and given back as it is. */
export const jsonResult: ResultCodec<unknown> = { store: (result) => result, replay: (stored) => stored };

/**
 * A result object kept as its JSON and given back to a retry as that object, the properties named
 * in `dates` (ISO strings in the JSON) as Dates again: a view answered once answers every retry alike.
 */
export function jsonResultWithDates<T extends object>(...dates: (keyof T & string)[]): ResultCodec<T> {
  return {
    store: (result) => result,
    replay: (stored) => {
      const result: Dictionary = { ...(stored as Dictionary) };
      for (const key of dates) if (typeof result[key] === 'string') result[key] = new Date(result[key]);
      return result as T;
    },
  };
}

/**
 * An entity result kept as its row when written (columns, relations as ids) and given back as that
 * record: a retry answers what the first request answered, whatever changed since.
 */
export function entityResult<T extends object>(entity: EntityName<T>): ResultCodec<T, T | EntityRecord<T>> {
  return {
    store: (result, tx) => RecordReader.of(tx, entity).row(result),
    replay: (stored, em) => RecordReader.of(em, entity).record(stored as Dictionary),
  };
}

/** JSON with object keys sorted (and Dates as ISO strings), so equal arguments hash alike whatever their order. */
function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Dictionary)[key] !== undefined)
        .map((key) => [key, canonical((value as Dictionary)[key])]),
    );
  }
  return value;
}

/** The hash a key's request is recognised by: the operation's name and its arguments. */
export function requestHash(operation: string, args: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical(args)]))
    .digest('hex');
}

/** The request `context` names for a write to `field` with `hash`, or undefined without a key (or a caller to scope it to). */
export function idempotentRequestOf(context: ServiceContext, field: string, hash: string): IdempotentRequest | undefined {
  const key = context.idempotencyKey;
  const scope = idempotencyScope(context.caller);
  return key && scope ? { scope, key, field, hash } : undefined;
}

const CLAIM = (table: string) => `insert into "${table}" ("scope", "key", "field", "request_hash", "created_at") values (?, ?, ?, ?, now())
  on conflict ("scope", "key", "field") do nothing returning "key"`;
const STORED = (table: string) => `select "request_hash", "response" from "${table}" where "scope" = ? and "key" = ? and "field" = ?`;
const RESPOND = (table: string) => `update "${table}" set "response" = cast(? as jsonb) where "scope" = ? and "key" = ? and "field" = ?`;

type Outcome<T> = { written: T } | { stored: unknown };

/**
 * Runs `write` once per request key. In one transaction it claims the key (a row of
 * `idempotent_request`), writes, and stores the result beside the write, so a crash leaves both
 * or neither, and a write that fails leaves no key behind (a retry writes). A key already held
 * answers with the stored result and writes nothing; held for a different request, it is
 * `IDEMPOTENCY_KEY_REUSED`. A concurrent request with the key waits on the first one's claim (the
 * unique index) and then answers with its result. `write` gets the transaction's EntityManager,
 * on which `transactional` joins this transaction instead of opening a nested one, so the
 * service's code commits (and announces its changes) once, with the stored result.
 */
export async function idempotentWrite<T, R>(
  em: EntityManager,
  request: IdempotentRequest,
  write: (tx: EntityManager) => Promise<T>,
  codec: ResultCodec<T, R>,
): Promise<T | R> {
  const { scope, key, field, hash } = request;
  const table = tableOf(em);
  const outcome = await em.transactional(
    async (tx): Promise<Outcome<T>> => {
      const claimed = await tx.execute<Dictionary[]>(CLAIM(table), [scope, key, field, hash]);
      if (claimed.length === 0) {
        const [row] = await tx.execute<Dictionary[]>(STORED(table), [scope, key, field]);
        // Claimed by a request that committed, then swept in the instant since: the key is free again, but only on a new try.
        if (!row) throw new Error(`the idempotency key of ${field} expired while it was read; retry`);
        if (row.request_hash !== hash) {
          throw clientError(
            ErrorCode.IdempotencyKeyReused,
            `Idempotency-Key: this key was already used for a different ${field} request; send a new key for a new request`,
            { field: 'Idempotency-Key' },
          );
        }
        return { stored: row.response };
      }
      const written = await write(tx);
      await tx.flush();
      await tx.execute(RESPOND(table), [JSON.stringify(codec.store(written, tx) ?? null), scope, key, field]);
      return { written };
    },
    { ignoreNestedTransactions: true },
  );
  return 'written' in outcome ? outcome.written : codec.replay(outcome.stored, em);
}

/**
 * type-graphql middleware making a mutation idempotent by the request's `Idempotency-Key` (see
 * {@link idempotentWrite}); without a key the resolver runs as before. The resolver's
 * `context.em` is the keyed transaction's while it runs, so its own `em.transactional` joins it.
 */
export function Idempotent(codec: ResultCodec<never, unknown> = jsonResult): MiddlewareFn<ServiceContext & { em: EntityManager }> {
  return async ({ args, context, info }, next) => {
    const request = idempotentRequestOf(context, String(info.path.key), requestHash(info.fieldName, args));
    if (!request) return (await next()) as unknown;
    const original = context.em;
    try {
      return await idempotentWrite(
        original,
        request,
        (tx) => {
          context.em = tx;
          return next() as Promise<never>;
        },
        codec,
      );
    } finally {
      context.em = original;
    }
  };
}

/** Deletes the keys older than `ttlMs`: a retry after that writes again. The number deleted. */
export async function sweepIdempotentRequests(em: EntityManager, ttlMs: number): Promise<number> {
  const deleted = await em.execute<Dictionary[]>(
    `delete from "${tableOf(em)}" where "created_at" < now() - make_interval(secs => ?) returning "key"`,
    [ttlMs / 1000],
  );
  return deleted.length;
}

/** How long a key answers retries unless a service is told otherwise: 24 hours, as Stripe keeps them. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** Options of {@link startIdempotencySweep}. */
export interface IdempotencySweepOptions {
  orm: MikroORM;
  /** How long a key answers retries. */
  ttlMs: number;
  logger: Logger;
  /** How often expired keys are deleted. Default: a twelfth of `ttlMs`, at most an hour, at least a second. */
  everyMs?: number;
}

/** Sweeps expired keys now and then (see {@link sweepIdempotentRequests}); stop it with the function returned. */
export function startIdempotencySweep({ orm, ttlMs, logger, everyMs }: IdempotencySweepOptions): () => void {
  const interval = everyMs ?? Math.max(1000, Math.min(3_600_000, ttlMs / 12));
  const timer = setInterval(() => {
    sweepIdempotentRequests(orm.em.fork(), ttlMs).then(
      (deleted) => {
        if (deleted > 0) logger.debug({ deleted }, 'expired idempotency keys deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'could not delete expired idempotency keys; trying again later'),
    );
  }, interval);
  timer.unref();
  return () => clearInterval(timer);
}
