import { writeFileSync } from 'node:fs';

/** A write the API acknowledged, as the soak client saw it acknowledged. */
export type Acknowledged =
  | { kind: 'client'; id: string; fullName: string; email: string; nationality: string }
  | { kind: 'practice'; id: string; clientId: string; type: string; title: string }
  | { kind: 'interaction'; id: string; clientId: string; channel: string; summary: string }
  | { kind: 'fact'; id: string; clientId: string; content: string }
  | { kind: 'conversation'; id: string; clientId: string; title: string }
  | {
      kind: 'message';
      conversationId: string;
      userMessageId: string;
      assistantMessageId: string;
      question: string;
      idempotencyKey: string;
    };

export type LedgerEntry = Acknowledged & { at: number; gateway: string };

/** A write whose answer never said it was done: it may or may not have happened; `marker` finds it. */
export interface Unacknowledged {
  kind: Acknowledged['kind'];
  at: number;
  marker: string;
  clientId?: string;
  error: string | undefined;
}

/** Every write the soak made: acknowledged ones (which must all be read back) and the others. */
export class Ledger {
  readonly acknowledged: LedgerEntry[] = [];
  readonly unacknowledged: Unacknowledged[] = [];

  constructor(private readonly path: string) {}

  add(entry: LedgerEntry): void {
    this.acknowledged.push(entry);
  }

  miss(entry: Unacknowledged): void {
    this.unacknowledged.push(entry);
  }

  of<K extends Acknowledged['kind']>(kind: K): (LedgerEntry & { kind: K })[] {
    return this.acknowledged.filter((entry): entry is LedgerEntry & { kind: K } => entry.kind === kind);
  }

  /** Writes the ledger to its JSON file (again: it is rewritten as it grows). */
  save(extra: Record<string, unknown> = {}): void {
    writeFileSync(this.path, JSON.stringify({ acknowledged: this.acknowledged, unacknowledged: this.unacknowledged, ...extra }, null, 1));
  }
}
