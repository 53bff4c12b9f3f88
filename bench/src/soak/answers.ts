import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

const STREAM = 'subscription($id: ID!, $after: Int) { messageStream(messageId: $id, afterSeq: $after) { seq delta done error status } }';

interface StreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  error: string | null;
  status: string;
}

/** One answer the soak follows to its end, resuming after `lastSeq` whenever its subscription breaks. */
export interface AnswerWatch {
  messageId: string;
  question: string;
  /** Deltas by seq, as first received. */
  deltas: Map<number, string>;
  lastSeq: number;
  /** Events whose seq had already arrived. */
  duplicated: number;
  /** Events that arrived with a seq other than the next one (a gap, or one before the last). */
  outOfOrder: number;
  resumes: number;
  /** Subscription failures that led to a resume, by what they said. */
  breaks: string[];
  done: boolean;
  finalStatus: string | undefined;
  finalError: string | null | undefined;
  /** Gave up following it (2 minutes of failures). */
  abandoned: boolean;
  startedAt: number;
  endedAt: number | undefined;
}

const describe = (error: unknown): string => {
  if (Array.isArray(error)) return describe(error[0]);
  if (error && typeof error === 'object' && 'code' in error && 'reason' in error)
    return `close ${String(error.code)} ${String(error.reason)}`;
  if (error && typeof error === 'object' && 'message' in error) {
    const code = (error as { extensions?: { code?: string } }).extensions?.code;
    return `${code ?? ''} ${String(error.message)}`.trim().slice(0, 120);
  }
  if (error && typeof error === 'object' && 'type' in error) return `socket ${String(error.type)}`;
  return String(error);
};

/**
 * The answers' streams over graphql-ws, one client per gateway as a browser tab would keep; a
 * broken subscription is resumed on the other gateway with `afterSeq`, as the web app does.
 */
export class AnswerStreams {
  readonly watches: AnswerWatch[] = [];
  private readonly clients: Client[];
  private readonly pending = new Set<Promise<void>>();

  constructor(
    gateways: { url: string }[],
    authorization: () => Promise<string>,
    private readonly clock: () => number,
  ) {
    this.clients = gateways.map((gateway) =>
      createClient({
        url: gateway.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        connectionParams: async () => ({ authorization: `Bearer ${await authorization()}` }),
      }),
    );
  }

  /** Follows an answer from its first token. */
  watch(messageId: string, question: string, first: number): AnswerWatch {
    const watch: AnswerWatch = {
      messageId,
      question,
      deltas: new Map(),
      lastSeq: 0,
      duplicated: 0,
      outOfOrder: 0,
      resumes: 0,
      breaks: [],
      done: false,
      finalStatus: undefined,
      finalError: undefined,
      abandoned: false,
      startedAt: this.clock(),
      endedAt: undefined,
    };
    this.watches.push(watch);
    const followed = this.follow(watch, first).finally(() => this.pending.delete(followed));
    this.pending.add(followed);
    return watch;
  }

  /** Answers still being followed. */
  get open(): number {
    return this.pending.size;
  }

  /** Resolves once every answer has ended or been given up. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  async dispose(): Promise<void> {
    await Promise.all(this.clients.map(async (client) => client.dispose()));
  }

  private async follow(watch: AnswerWatch, first: number): Promise<void> {
    const giveUpAt = Date.now() + 120_000;
    for (let attempt = 0; ; attempt += 1) {
      const client = this.clients[(first + attempt) % this.clients.length];
      if (!client) return;
      const outcome = await this.subscribeOnce(client, watch);
      if (watch.done) break;
      watch.breaks.push(outcome);
      if (Date.now() > giveUpAt) {
        watch.abandoned = true;
        break;
      }
      watch.resumes += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.min(4000, 250 * 2 ** Math.min(attempt, 4))));
    }
    watch.endedAt = this.clock();
  }

  /** One subscription from `lastSeq`; resolves with why it ended when it ends before the final event. */
  private subscribeOnce(client: Client, watch: AnswerWatch): Promise<string> {
    return new Promise((resolve) => {
      let settled = false;
      const end = (why: string) => {
        if (settled) return;
        settled = true;
        resolve(why);
      };
      const unsubscribe = client.subscribe<{ messageStream: StreamEvent }>(
        { query: STREAM, variables: { id: watch.messageId, after: watch.lastSeq > 0 ? watch.lastSeq : null } },
        {
          next: (result) => {
            if (result.errors?.length) {
              unsubscribe();
              end(describe(result.errors));
              return;
            }
            const event = result.data?.messageStream;
            if (!event) return;
            if (watch.deltas.has(event.seq)) {
              watch.duplicated += 1;
            } else {
              if (event.seq !== watch.lastSeq + 1) watch.outOfOrder += 1;
              watch.deltas.set(event.seq, event.delta);
              watch.lastSeq = Math.max(watch.lastSeq, event.seq);
            }
            if (event.done) {
              watch.done = true;
              watch.finalStatus = event.status;
              watch.finalError = event.error;
            }
          },
          error: (error) => end(describe(error)),
          complete: () => end(watch.done ? 'done' : 'completed before the final event'),
        },
      );
    });
  }
}

/** The answer as received: every delta in seq order (the final event's empty one included). */
export function receivedText(watch: AnswerWatch): string {
  return [...watch.deltas.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, delta]) => delta)
    .join('');
}

/** Seqs missing between 1 and the last one received. */
export function gaps(watch: AnswerWatch): number {
  let missing = 0;
  for (let seq = 1; seq <= watch.lastSeq; seq += 1) if (!watch.deltas.has(seq)) missing += 1;
  return missing;
}
