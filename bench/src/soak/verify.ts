import { gaps, receivedText, type AnswerWatch } from './answers.js';
import type { SoakClient } from './client.js';
import { expectedAnswer } from './fake-model.js';
import type { Ledger, LedgerEntry } from './ledger.js';

/** What the read-back found. */
export interface Verification {
  acknowledged: Record<string, number>;
  /** Acknowledged writes not found, by kind, with examples. */
  missing: Record<string, number>;
  /** Acknowledged writes found with other values than acknowledged. */
  different: Record<string, number>;
  /** Acknowledged writes found more than once (a retry written again: each carries an Idempotency-Key, so none may be). */
  duplicated: Record<string, number>;
  examples: string[];
  /** Writes never acknowledged that are there all the same (clients, found by their marker). */
  unacknowledgedClientsPresent: number;
  unacknowledged: Record<string, number>;
  answers: {
    total: number;
    complete: number;
    failed: number;
    /** Still STREAMING after the lease had run out twice over. */
    streaming: number;
    cancelled: number;
    /** Answers whose stream never delivered the final event to the client. */
    notEnded: number;
    tokensLost: number;
    tokensDuplicated: number;
    tokensOutOfOrder: number;
    gaps: number;
    resumes: number;
    answersResumed: number;
    /** Completed answers whose stored content is not the model's answer. */
    storedDiffers: number;
    userQuestionsLost: number;
    failedReasons: Record<string, number>;
    breakReasons: Record<string, number>;
  };
}

const count = (into: Record<string, number>, key: string, by = 1) => {
  into[key] = (into[key] ?? 0) + by;
};

interface StoredMessage {
  id: string;
  role: string;
  content: string;
  status: string;
  error: string | null;
}

/** Reads until the API answers without errors, on either gateway (the platform is whole again by now). */
async function read<T>(client: SoakClient, query: string, variables: Record<string, unknown>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const gateway = client.gateways[attempt % client.gateways.length];
    if (!gateway) throw new Error('no gateway');
    const result = await client.once<T>(gateway.url, query, variables);
    if (result.ok && result.data) return result.data;
    if (attempt >= 20) throw new Error(`read-back failed: ${result.error ?? 'no data'}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function inBatches<T>(items: T[], size: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let index = 0; index < items.length; index += size) await Promise.all(items.slice(index, index + size).map(each));
}

async function messagesOf(client: SoakClient, conversationId: string): Promise<StoredMessage[]> {
  const messages: StoredMessage[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      conversation: {
        messages: { edges: { node: StoredMessage }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      } | null;
    } = await read(
      client,
      'query($c: ID!, $after: String) { conversation(id: $c) { messages(first: 100, after: $after) { edges { node { id role content status error } } pageInfo { hasNextPage endCursor } } } }',
      { c: conversationId, after },
    );
    if (!data.conversation) return messages;
    messages.push(...data.conversation.messages.edges.map((edge) => edge.node));
    if (!data.conversation.messages.pageInfo.hasNextPage) return messages;
    after = data.conversation.messages.pageInfo.endCursor;
  }
}

/** Reads back every acknowledged write and every answer, and compares them with what was acknowledged and streamed. */
export async function verify(client: SoakClient, ledger: Ledger, watches: AnswerWatch[]): Promise<Verification> {
  const result: Verification = {
    acknowledged: {},
    missing: {},
    different: {},
    duplicated: {},
    examples: [],
    unacknowledgedClientsPresent: 0,
    unacknowledged: {},
    answers: {
      total: 0,
      complete: 0,
      failed: 0,
      streaming: 0,
      cancelled: 0,
      notEnded: 0,
      tokensLost: 0,
      tokensDuplicated: 0,
      tokensOutOfOrder: 0,
      gaps: 0,
      resumes: 0,
      answersResumed: 0,
      storedDiffers: 0,
      userQuestionsLost: 0,
      failedReasons: {},
      breakReasons: {},
    },
  };
  const wrong = (kind: 'missing' | 'different' | 'duplicated', entry: LedgerEntry, detail: string) => {
    count(result[kind], entry.kind);
    if (result.examples.length < 20) result.examples.push(`${kind} ${entry.kind}: ${detail}`);
  };
  for (const entry of ledger.acknowledged) count(result.acknowledged, entry.kind);
  for (const entry of ledger.unacknowledged) count(result.unacknowledged, entry.kind);

  await inBatches(ledger.of('client'), 10, async (entry) => {
    const data = await read<{ client: { fullName: string; email: string; nationality: string } | null }>(
      client,
      'query($id: ID!) { client(id: $id) { fullName email nationality } }',
      { id: entry.id },
    );
    if (!data.client) wrong('missing', entry, entry.id);
    else if (
      data.client.fullName !== entry.fullName ||
      data.client.email !== entry.email ||
      data.client.nationality !== entry.nationality
    ) {
      wrong('different', entry, `${entry.id}: ${JSON.stringify(data.client)}`);
    }
    const twins = await read<{ clients: { totalCount: number } }>(
      client,
      'query($s: String!) { clients(first: 1, filter: { search: $s }) { totalCount } }',
      { s: entry.email },
    );
    if (twins.clients.totalCount > 1) wrong('duplicated', entry, `${entry.email}: ${twins.clients.totalCount} clients`);
  });

  const byClient = new Set([...ledger.of('practice'), ...ledger.of('interaction'), ...ledger.of('fact')].map((entry) => entry.clientId));
  const owned = new Map<
    string,
    {
      practices: { id: string; type: string; title: string }[];
      interactions: { id: string; channel: string; summary: string }[];
      memoryFacts: { id: string; content: string }[];
    } | null
  >();
  await inBatches([...byClient], 10, async (clientId) => {
    const data = await read<{ client: NonNullable<ReturnType<typeof owned.get>> | null }>(
      client,
      'query($id: ID!) { client(id: $id) { practices { id type title } interactions { id channel summary } memoryFacts(includeHistory: true) { id content } } }',
      { id: clientId },
    );
    owned.set(clientId, data.client);
  });
  const once = (entry: LedgerEntry, copies: number) => {
    if (copies > 1) wrong('duplicated', entry, `${copies} copies`);
  };
  for (const entry of ledger.of('practice')) {
    once(entry, owned.get(entry.clientId)?.practices.filter((practice) => practice.title === entry.title).length ?? 0);
    const found = owned.get(entry.clientId)?.practices.find((practice) => practice.id === entry.id);
    if (!found) wrong('missing', entry, entry.id);
    else if (found.type !== entry.type || found.title !== entry.title) wrong('different', entry, `${entry.id}: ${JSON.stringify(found)}`);
  }
  for (const entry of ledger.of('interaction')) {
    once(entry, owned.get(entry.clientId)?.interactions.filter((interaction) => interaction.summary === entry.summary).length ?? 0);
    const found = owned.get(entry.clientId)?.interactions.find((interaction) => interaction.id === entry.id);
    if (!found) wrong('missing', entry, entry.id);
    else if (found.channel !== entry.channel || found.summary !== entry.summary)
      wrong('different', entry, `${entry.id}: ${JSON.stringify(found)}`);
  }
  for (const entry of ledger.of('fact')) {
    once(entry, owned.get(entry.clientId)?.memoryFacts.filter((fact) => fact.content === entry.content).length ?? 0);
    const found = owned.get(entry.clientId)?.memoryFacts.find((fact) => fact.id === entry.id);
    if (!found) wrong('missing', entry, entry.id);
    else if (found.content !== entry.content) wrong('different', entry, `${entry.id}: ${JSON.stringify(found)}`);
  }

  const stored = new Map<string, StoredMessage>();
  await inBatches(ledger.of('conversation'), 5, async (entry) => {
    const messages = await messagesOf(client, entry.id);
    if (messages.length === 0) {
      const data = await read<{ conversation: { id: string } | null }>(client, 'query($c: ID!) { conversation(id: $c) { id } }', {
        c: entry.id,
      });
      if (!data.conversation) wrong('missing', entry, entry.id);
    }
    for (const message of messages) stored.set(message.id, message);
  });

  const watchOf = new Map(watches.map((watch) => [watch.messageId, watch]));
  const answers = result.answers;
  const questions = new Map<string, number>();
  for (const message of stored.values()) {
    if (message.role === 'USER') questions.set(message.content, (questions.get(message.content) ?? 0) + 1);
  }
  for (const entry of ledger.of('message')) {
    answers.total += 1;
    once(entry, questions.get(entry.question) ?? 0);
    const question = stored.get(entry.userMessageId);
    if (!question || question.content !== entry.question) {
      answers.userQuestionsLost += 1;
      wrong(question ? 'different' : 'missing', entry, `question ${entry.userMessageId}`);
    }
    const answer = stored.get(entry.assistantMessageId);
    if (!answer) {
      wrong('missing', entry, `answer ${entry.assistantMessageId}`);
      continue;
    }
    if (answer.status === 'COMPLETE') answers.complete += 1;
    else if (answer.status === 'FAILED') {
      answers.failed += 1;
      count(answers.failedReasons, (answer.error ?? 'no reason').slice(0, 100));
    } else if (answer.status === 'STREAMING') answers.streaming += 1;
    else if (answer.status === 'CANCELLED') answers.cancelled += 1;
    const expected = expectedAnswer(entry.question).join('');
    if (answer.status === 'COMPLETE' && answer.content !== expected) {
      answers.storedDiffers += 1;
      if (result.examples.length < 20) result.examples.push(`answer ${answer.id} stored ${JSON.stringify(answer.content.slice(0, 80))}`);
    }
    const watch = watchOf.get(entry.assistantMessageId);
    if (!watch) continue;
    if (!watch.done) answers.notEnded += 1;
    answers.tokensDuplicated += watch.duplicated;
    answers.tokensOutOfOrder += watch.outOfOrder;
    answers.gaps += gaps(watch);
    answers.resumes += watch.resumes;
    if (watch.resumes > 0) answers.answersResumed += 1;
    for (const reason of watch.breaks) count(answers.breakReasons, reason.slice(0, 80));
    // Every token of what was stored must have reached the client, in order, once.
    const received = receivedText(watch);
    const storedTokens = answer.content.split(/(?<= )/).filter(Boolean);
    const receivedTokens = received.split(/(?<= )/).filter(Boolean);
    let matching = 0;
    while (matching < storedTokens.length && storedTokens[matching] === receivedTokens[matching]) matching += 1;
    if (matching < storedTokens.length || receivedTokens.length !== storedTokens.length) {
      // Lost on either side: stored but never streamed, or streamed but not stored.
      answers.tokensLost += Math.max(storedTokens.length, receivedTokens.length) - matching;
      if (result.examples.length < 20) {
        result.examples.push(
          `answer ${answer.id} (${answer.status}): stored ${storedTokens.length} tokens, received ${receivedTokens.length}, first ${matching} agree`,
        );
      }
    }
  }

  await inBatches(
    ledger.unacknowledged.filter((entry) => entry.kind === 'client'),
    10,
    async (entry) => {
      const data = await read<{ clients: { totalCount: number } }>(
        client,
        'query($s: String!) { clients(first: 1, filter: { search: $s }) { totalCount } }',
        {
          s: `${entry.marker}@`,
        },
      );
      if (data.clients.totalCount > 0) result.unacknowledgedClientsPresent += 1;
    },
  );
  return result;
}
