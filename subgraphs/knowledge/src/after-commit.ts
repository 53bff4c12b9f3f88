import type { EntityManager } from '@mikro-orm/postgresql';

/** What to do once a transaction has ended. Neither may throw: by then the transaction has committed or rolled back. */
export interface TransactionEnd {
  committed?: () => Promise<void>;
  rolledBack?: () => Promise<void>;
}

/**
 * Runs `end.committed` once the transaction `em` writes in commits, `end.rolledBack` if it rolls
 * back instead; outside a transaction, `end.committed` at once. The hooks go on the transaction's
 * own event manager (MikroORM gives each transaction a copy), so they run when the outermost
 * transaction ends, whether the write opened it or joined a caller's (an Idempotency-Key's, see
 * `Idempotent`): work outside PostgreSQL waits for the rows it goes with. Not for a savepoint (a
 * nested `transactional` that does not join), whose end MikroORM does not announce.
 */
export async function afterTransaction(em: EntityManager, end: TransactionEnd): Promise<void> {
  if (!em.isInTransaction()) {
    await end.committed?.();
    return;
  }
  em.getEventManager().registerSubscriber({
    afterTransactionCommit: async () => {
      await end.committed?.();
    },
    afterTransactionRollback: async () => {
      await end.rolledBack?.();
    },
  });
}
