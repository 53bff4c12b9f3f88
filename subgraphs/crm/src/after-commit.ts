import type { EntityName, EventArgs, EventSubscriber, TransactionEventArgs } from '@mikro-orm/core';

/**
 * A MikroORM subscriber that notes something about each entity inserted and acts on it only once
 * the transaction that inserted it has committed (at once for an insert outside a transaction): a
 * change rolled back is never acted on.
 */
export abstract class AfterCommitSubscriber<E extends object, T> implements EventSubscriber<E> {
  private readonly pending = new WeakMap<object, T[]>();

  abstract getSubscribedEntities(): EntityName<E>[];

  /** What to act on for `entity` after the commit; undefined for nothing. */
  protected abstract noted(entity: E): T | undefined;

  /** Acts on what the committed transaction noted, in insertion order. */
  protected abstract committed(items: T[]): void | Promise<void>;

  afterCreate({ entity, em }: EventArgs<E>): void {
    const item = this.noted(entity);
    if (item === undefined) return;
    const transaction = em.getTransactionContext<object>();
    if (!transaction) {
      void this.committed([item]);
      return;
    }
    this.pending.set(transaction, [...(this.pending.get(transaction) ?? []), item]);
  }

  async afterTransactionCommit(args: TransactionEventArgs): Promise<void> {
    const transaction = args.transaction as object | undefined;
    const items = transaction ? this.pending.get(transaction) : undefined;
    if (!items || !transaction) return;
    this.pending.delete(transaction);
    await this.committed(items);
  }

  afterTransactionRollback(args: TransactionEventArgs): void {
    const transaction = args.transaction as object | undefined;
    if (transaction) this.pending.delete(transaction);
  }
}
