import type { AnswerStreams } from './answers.js';
import type { SoakClient } from './client.js';
import type { Ledger } from './ledger.js';
import type { Random } from './random.js';

const PRACTICE_TYPES = ['KITAS', 'KITAP', 'VISA', 'PT_PMA', 'TAX', 'PROPERTY', 'LEGAL'];
const CHANNELS = ['WHATSAPP', 'EMAIL', 'PHONE', 'MEETING', 'NOTE'];
const NATIONALITIES = ['AU', 'DE', 'US', 'NL', 'JP', 'FR', 'GB', 'SG'];
const QUESTIONS = [
  'How long can I stay on a visa on arrival?',
  'What do I need for a KITAS sponsored by my company?',
  'Can a PT PMA own land in Bali?',
  'Which days is the airport shut for Nyepi?',
  'How is rental income taxed for a foreigner?',
];
const SEARCHES = ['visa extension', 'company setup capital', 'property leasehold', 'tax residency', 'Nyepi airport'];

/** The operations, with how often each is picked (weights out of 100). */
export const MIX = {
  'read clients page': 20,
  'read client': 15,
  'search knowledge': 10,
  'search memory': 10,
  'create client': 9,
  'open practice': 9,
  'log interaction': 9,
  'remember fact': 9,
  'send message': 9,
} as const;
export type Operation = keyof typeof MIX;

const CLIENT_FIELDS = 'id fullName email nationality';

/**
 * The workload: reads of the distinct kinds and the writes, each acknowledged write into the ledger.
 * Every write carries an Idempotency-Key (its marker), so the client retries one whose outcome is
 * unknown as it retries a read, and the read-back can check that each was written exactly once.
 */
export class Workload {
  /** Clients that exist: the demo ones read at the start and those the soak created. */
  readonly clientIds: string[] = [];
  readonly conversations: { id: string; clientId: string }[] = [];
  private readonly busy = new Set<string>();
  private counter = 0;
  private readonly weights = Object.entries(MIX) as [Operation, number][];

  constructor(
    private readonly client: SoakClient,
    private readonly ledger: Ledger,
    private readonly answers: AnswerStreams,
    private readonly random: Random,
    private readonly seed: number,
    private readonly clock: () => number,
  ) {}

  /** Reads the demo clients and opens the conversations the questions go to; before any fault. */
  async prepare(conversations: number): Promise<void> {
    const page = await this.client.call<{ clients: { edges: { node: { id: string } }[] } }>(
      'read clients page',
      '{ clients(first: 50) { edges { node { id } } } }',
      {},
      'safe',
    );
    if (!page.ok || !page.data) throw new Error(`could not read the clients: ${page.error ?? ''}`);
    this.clientIds.push(...page.data.clients.edges.map((edge) => edge.node.id));
    for (let index = 0; index < conversations; index += 1) {
      const clientId = this.random.pick(this.clientIds);
      const title = `Soak ${this.seed} conversation ${index}`;
      const started = await this.client.call<{ startConversation: { id: string } }>(
        'start conversation',
        'mutation($c: ID!, $t: String!) { startConversation(input: { clientId: $c, title: $t }) { id } }',
        { c: clientId, t: title },
        { idempotencyKey: `soak${this.seed}-conversation-${index}` },
      );
      const id = started.data?.startConversation.id;
      if (!id) throw new Error(`could not start a conversation: ${started.error ?? ''}`);
      this.conversations.push({ id, clientId });
      this.ledger.add({ kind: 'conversation', id, clientId, title, at: this.clock(), gateway: 'gateway-a' });
    }
  }

  pickOperation(): Operation {
    let roll = this.random.int(100);
    for (const [operation, weight] of this.weights) {
      if (roll < weight) return operation;
      roll -= weight;
    }
    return 'read client';
  }

  /** Runs one operation on the gateway `first` (the client moves to the other one on a retry). */
  async run(operation: Operation, first: number): Promise<void> {
    this.counter += 1;
    const marker = `soak${this.seed}n${this.counter}`;
    const clientId = this.random.pick(this.clientIds);
    const gateway = this.client.gateways[first % this.client.gateways.length]?.name ?? '';
    const at = this.clock();
    switch (operation) {
      case 'read clients page':
        await this.client.call(
          operation,
          'query($s: String) { clients(first: 20, filter: { search: $s }) { totalCount edges { cursor node { id fullName status practices { id type status } } } pageInfo { hasNextPage endCursor } } }',
          { s: this.random.next() < 0.3 ? this.random.pick(['a', 'e', 'soak', 'an']) : null },
          'safe',
          first,
        );
        return;
      case 'read client':
        await this.client.call(
          operation,
          'query($id: ID!) { client(id: $id) { id fullName practices { id type status title } interactions { id channel summary } memoryFacts { id content } conversations(first: 5) { totalCount } } }',
          { id: clientId },
          'safe',
          first,
        );
        return;
      case 'search knowledge':
        await this.client.call(
          operation,
          'query($q: String!) { searchKnowledge(query: $q, limit: 5) { score citation { documentId title collection } } }',
          { q: this.random.pick(SEARCHES) },
          'safe',
          first,
        );
        return;
      case 'search memory':
        await this.client.call(
          operation,
          'query($c: ID!, $q: String!) { searchMemory(clientId: $c, query: $q, limit: 5) { id content } }',
          { c: clientId, q: this.random.pick(['meetings', 'prefers', 'visa', 'family']) },
          'safe',
          first,
        );
        return;
      case 'create client': {
        const input = { fullName: `Soak ${marker}`, email: `${marker}@soak.test`, nationality: this.random.pick(NATIONALITIES) };
        const result = await this.client.call<{ createClient: { id: string; fullName: string; email: string; nationality: string } }>(
          operation,
          `mutation($input: CreateClientInput!) { createClient(input: $input) { ${CLIENT_FIELDS} } }`,
          { input },
          { idempotencyKey: `${marker}-client` },
          first,
        );
        const created = result.data?.createClient;
        if (created) {
          this.ledger.add({ kind: 'client', ...input, id: created.id, at, gateway });
          this.clientIds.push(created.id);
        } else this.ledger.miss({ kind: 'client', marker, at, error: result.error });
        return;
      }
      case 'open practice': {
        const type = this.random.pick(PRACTICE_TYPES);
        const title = `Soak ${marker}`;
        const result = await this.client.call<{ openPractice: { id: string } }>(
          operation,
          'mutation($c: ID!, $type: PracticeType!, $title: String!) { openPractice(input: { clientId: $c, type: $type, title: $title }) { id type title } }',
          { c: clientId, type, title },
          { idempotencyKey: `${marker}-practice` },
          first,
        );
        const id = result.data?.openPractice.id;
        if (id) this.ledger.add({ kind: 'practice', id, clientId, type, title, at, gateway });
        else this.ledger.miss({ kind: 'practice', marker, clientId, at, error: result.error });
        return;
      }
      case 'log interaction': {
        const channel = this.random.pick(CHANNELS);
        const summary = `Soak ${marker}: talked about the next steps`;
        const result = await this.client.call<{ logInteraction: { id: string } }>(
          operation,
          'mutation($c: ID!, $ch: InteractionChannel!, $s: String!) { logInteraction(input: { clientId: $c, channel: $ch, summary: $s }) { id } }',
          { c: clientId, ch: channel, s: summary },
          { idempotencyKey: `${marker}-interaction` },
          first,
        );
        const id = result.data?.logInteraction.id;
        if (id) this.ledger.add({ kind: 'interaction', id, clientId, channel, summary, at, gateway });
        else this.ledger.miss({ kind: 'interaction', marker, clientId, at, error: result.error });
        return;
      }
      case 'remember fact': {
        const content = `Prefers ${marker} meetings in the morning`;
        const result = await this.client.call<{ rememberFact: { id: string } }>(
          operation,
          'mutation($c: ID!, $content: String!) { rememberFact(input: { clientId: $c, content: $content }) { id content } }',
          { c: clientId, content },
          { idempotencyKey: `${marker}-fact` },
          first,
        );
        const id = result.data?.rememberFact.id;
        if (id) this.ledger.add({ kind: 'fact', id, clientId, content, at, gateway });
        else this.ledger.miss({ kind: 'fact', marker, clientId, at, error: result.error });
        return;
      }
      case 'send message':
        await this.send(marker, first, at, gateway);
        return;
    }
  }

  /** Asks a question in a conversation with no answer under way, and follows the answer's stream. */
  private async send(marker: string, first: number, at: number, gateway: string): Promise<void> {
    const conversation = this.conversations.find((candidate) => !this.busy.has(candidate.id));
    if (!conversation) return this.run('read client', first);
    this.busy.add(conversation.id);
    const question = `[q${this.counter}] ${this.random.pick(QUESTIONS)}`;
    const idempotencyKey = `${marker}-question`;
    try {
      const result = await this.client.call<{ sendMessage: { userMessage: { id: string }; assistantMessage: { id: string } } }>(
        'send message',
        'mutation($c: ID!, $q: String!, $k: String) { sendMessage(input: { conversationId: $c, content: $q, idempotencyKey: $k }) { userMessage { id } assistantMessage { id } } }',
        { c: conversation.id, q: question, k: idempotencyKey },
        { idempotencyKey },
        first,
      );
      const sent = result.data?.sendMessage;
      if (!sent) {
        this.ledger.miss({ kind: 'message', marker, at, error: result.error });
        return;
      }
      this.ledger.add({
        kind: 'message',
        conversationId: conversation.id,
        userMessageId: sent.userMessage.id,
        assistantMessageId: sent.assistantMessage.id,
        question,
        idempotencyKey,
        at,
        gateway,
      });
      const watch = this.answers.watch(sent.assistantMessage.id, question, first + 1);
      while (!watch.done && !watch.abandoned) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      this.busy.delete(conversation.id);
    }
  }
}
