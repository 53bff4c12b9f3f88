import { randomUUID } from 'node:crypto';
import { eventually, postGraphQL, type GraphQLResult } from '@nusa/platform/testing';
import { sweepIdempotentRequests } from '@nusa/subgraph';
import { collect, signIn, startChatPlatform, type ChatPlatform } from './platform';

let platform: ChatPlatform;
let agentToken: string;

const CREATE = 'mutation($input: CreateClientInput!) { createClient(input: $input) { id fullName email createdAt } }';
type Created = { createClient: { id: string; fullName: string; email: string | null; createdAt: string } };

/** One POST to the gateway as `bearer` (default: the admin), with an Idempotency-Key header and body extensions when given. */
function post<TData = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  options: { key?: string; bearer?: string; extensions?: Record<string, unknown> } = {},
): Promise<GraphQLResult<TData>> {
  const headers = {
    authorization: `Bearer ${options.bearer ?? platform.token}`,
    ...(options.key === undefined ? {} : { 'idempotency-key': options.key }),
  };
  return postGraphQL<TData>(platform.gateway.url, query, variables, headers, options.extensions);
}

const createClient = (fullName: string, options: { key?: string; bearer?: string; email?: string } = {}) =>
  post<Created>(CREATE, { input: { fullName, ...(options.email ? { email: options.email } : {}) } }, options);

async function crmRows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return platform.memory.crm.orm.em.getConnection().execute<Record<string, unknown>[]>(sql, params);
}

async function clientsNamed(fullName: string): Promise<number> {
  const [row] = await crmRows('select count(*)::int as n from client where full_name = ?', [fullName]);
  return Number(row?.n);
}

async function keysStored(key: string): Promise<number> {
  const [row] = await crmRows('select count(*)::int as n from crm_idempotent_request where key = ?', [key]);
  return Number(row?.n);
}

beforeAll(async () => {
  platform = await startChatPlatform('idempotency_e2e', { offlineTokenDelayMs: 1 });
  const invited = await platform.query<{ inviteTeamMember: { temporaryPassword: string } }>(
    'mutation { inviteTeamMember(email: "wayan@example.com", name: "Wayan Agent", role: AGENT) { temporaryPassword } }',
  );
  const password = invited.data?.inviteTeamMember.temporaryPassword;
  if (!password) throw new Error(`the agent could not be invited: ${JSON.stringify(invited.errors)}`);
  agentToken = await signIn(platform.gateway.url, { email: 'wayan@example.com', password });
}, 180_000);

afterAll(async () => {
  await platform.stop();
});

describe('mutations with an Idempotency-Key, through the gateway', () => {
  it('answers a retried createClient with the first response and writes one client', async () => {
    const key = randomUUID();
    const first = await createClient('Retry Ramadhani', { key, email: 'Retry@Example.com' });
    expect(first.errors).toBeUndefined();
    const second = await createClient('Retry Ramadhani', { key, email: 'Retry@Example.com' });
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await clientsNamed('Retry Ramadhani')).toBe(1);
    const [audited] = await crmRows("select count(*)::int as n from audit_entry where entity_id = ? and action = 'CLIENT_CREATED'", [
      first.data?.createClient.id,
    ]);
    expect(Number(audited?.n)).toBe(1);
  });

  it('gives a retry what the first request answered, even after the client changed', async () => {
    const key = randomUUID();
    const first = await createClient('Snapshot Santoso', { key });
    const id = first.data?.createClient.id;
    const renamed = await post('mutation($id: ID!) { updateClient(id: $id, input: { fullName: "Snapshot Renamed" }) { id } }', { id });
    expect(renamed.errors).toBeUndefined();
    const retried = await createClient('Snapshot Santoso', { key });
    expect(retried.data?.createClient).toEqual(first.data?.createClient);
  });

  it('refuses the key sent again with a different request, and writes nothing for it', async () => {
    const key = randomUUID();
    await createClient('Original Owner', { key });
    const reused = await createClient('Someone Else', { key });
    expect(reused.data).toBeNull();
    expect(reused.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.errors?.[0]?.message).toContain('different');
    expect(await clientsNamed('Someone Else')).toBe(0);
  });

  it('writes once for concurrent requests with one key, and answers each with that write', async () => {
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 6 }, () => createClient('Concurrent Cahyani', { key })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => result.data?.createClient.id));
    expect(ids.size).toBe(1);
    expect(await clientsNamed('Concurrent Cahyani')).toBe(1);
    expect(await keysStored(key)).toBe(1);
  });

  it('changes nothing without a key: each request writes', async () => {
    const first = await createClient('Keyless Kadek');
    const second = await createClient('Keyless Kadek');
    expect(second.data?.createClient.id).not.toBe(first.data?.createClient.id);
    expect(await clientsNamed('Keyless Kadek')).toBe(2);
  });

  it('keeps no key for a write that was rolled back, so its retry writes', async () => {
    const client = await createClient('Rollback Rahayu');
    const opened = await post<{ openPractice: { id: string; documents: { name: string }[] } }>(
      'mutation($c: ID!) { openPractice(input: { clientId: $c, type: KITAS, serviceCode: "KITAS_RETIREMENT" }) { id documents { name } } }',
      { c: client.data?.createClient.id },
    );
    const practice = opened.data?.openPractice;
    if (!practice) throw new Error(JSON.stringify(opened.errors));
    const move = (status: string, key?: string) =>
      post<{ updatePracticeStatus: { status: string } }>(
        'mutation($id: ID!, $status: PracticeStatus!) { updatePracticeStatus(id: $id, status: $status) { status } }',
        { id: practice.id, status },
        { key },
      );
    expect((await move('DOCUMENTS_PENDING')).errors).toBeUndefined();
    const key = randomUUID();
    // Refused inside its transaction (documents missing): the key's claim goes with it.
    const refused = await move('SUBMITTED', key);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await keysStored(key)).toBe(0);
    for (const document of practice.documents) {
      await post('mutation($id: ID!, $d: String!) { setPracticeDocument(practiceId: $id, document: $d, state: RECEIVED) { id } }', {
        id: practice.id,
        d: document.name,
      });
    }
    const retried = await move('SUBMITTED', key);
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.updatePracticeStatus.status).toBe('SUBMITTED');
    expect(await keysStored(key)).toBe(1);
    // Now the key holds the write: sending it again moves nothing (a second SUBMITTED would be an illegal step).
    const again = await move('SUBMITTED', key);
    expect(again.errors).toBeUndefined();
    expect(again.data?.updatePracticeStatus.status).toBe('SUBMITTED');
  });

  it("keeps each caller's keys apart: another caller's same key writes its own client", async () => {
    const key = randomUUID();
    const admins = await createClient('Shared Key Sari', { key });
    const agents = await createClient('Shared Key Sari', { key, bearer: agentToken });
    expect(agents.errors).toBeUndefined();
    expect(agents.data?.createClient.id).not.toBe(admins.data?.createClient.id);
    expect(await clientsNamed('Shared Key Sari')).toBe(2);
    expect(await keysStored(key)).toBe(2);
  });

  it('forgets keys older than their lifetime when swept, and keeps younger ones', async () => {
    const key = randomUUID();
    const first = await createClient('Swept Suryani', { key });
    const em = platform.memory.crm.orm.em.fork();
    expect(await sweepIdempotentRequests(em, 24 * 3_600_000)).toBe(0);
    expect((await createClient('Swept Suryani', { key })).data?.createClient.id).toBe(first.data?.createClient.id);
    expect(await sweepIdempotentRequests(em, 0)).toBeGreaterThanOrEqual(1);
    expect(await keysStored(key)).toBe(0);
    const afterExpiry = await createClient('Swept Suryani', { key });
    expect(afterExpiry.data?.createClient.id).not.toBe(first.data?.createClient.id);
    expect(await clientsNamed('Swept Suryani')).toBe(2);
  });

  it('takes the key from extensions.idempotencyKey too, and refuses a malformed key with BAD_USER_INPUT', async () => {
    const key = randomUUID();
    const variables = { input: { fullName: 'Extension Eka' } };
    const first = await post<Created>(CREATE, variables, { extensions: { idempotencyKey: key } });
    const second = await post<Created>(CREATE, variables, { extensions: { idempotencyKey: key } });
    expect(second.data?.createClient.id).toBe(first.data?.createClient.id);
    expect(await clientsNamed('Extension Eka')).toBe(1);

    for (const bad of ['has space', 'x'.repeat(256), 'kunci-é']) {
      const refused = await createClient('Malformed Made', { key: bad });
      expect(refused.status).toBe(400);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'Idempotency-Key' });
    }
    const differing = await post(CREATE, variables, { key: randomUUID(), extensions: { idempotencyKey: randomUUID() } });
    expect(differing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await clientsNamed('Malformed Made')).toBe(0);
  });
  it('takes extensions.idempotencyKey of a mutation sent over graphql-ws, as over HTTP', async () => {
    const socket = platform.ws();
    const overWs = (idempotencyKey: string) =>
      new Promise<Pick<GraphQLResult<Created>, 'data' | 'errors'>>((resolve, reject) => {
        let result: Pick<GraphQLResult<Created>, 'data' | 'errors'> = {};
        socket.subscribe<Created>(
          { query: CREATE, variables: { input: { fullName: 'Socket Sari' } }, extensions: { idempotencyKey } },
          { next: (value) => (result = value as typeof result), error: reject, complete: () => resolve(result) },
        );
      });
    const key = randomUUID();
    const first = await overWs(key);
    expect(first.errors).toBeUndefined();
    const second = await overWs(key);
    expect(second.data).toEqual(first.data);
    expect(await clientsNamed('Socket Sari')).toBe(1);
    // The key is the caller's whatever the transport: the same key over HTTP answers with that write.
    const overHttp = await post<Created>(CREATE, { input: { fullName: 'Socket Sari' } }, { key });
    expect(overHttp.data).toEqual(first.data);
    const malformed = await overWs('has space');
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'extensions.idempotencyKey' });
    expect(await clientsNamed('Socket Sari')).toBe(1);
  });

  it('announces a keyed write to clientEvents once it commits, and its retry not again', async () => {
    const clientId = (await createClient('Announced Agung')).data?.createClient.id;
    const watched = collect<{ entry: { action: string } }>(
      platform.ws(),
      'subscription($id: ID!) { clientEvents(clientId: $id) { entry { action } } }',
      { id: clientId },
      'clientEvents',
    );
    const log = 'mutation($c: ID!) { logInteraction(input: { clientId: $c, channel: NOTE, summary: "Subscribed?" }) { id } }';
    await eventually(async () => (await post(log, { c: clientId }), watched.events.length > 0), {
      intervalMs: 250,
      what: 'the subscription',
    });
    const update = 'mutation($id: ID!) { updateClient(id: $id, input: { notes: "Keyed" }) { id notes } }';
    const key = randomUUID();
    expect((await post(update, { id: clientId }, { key })).errors).toBeUndefined();
    expect((await post(update, { id: clientId }, { key })).errors).toBeUndefined();
    await post('mutation($c: ID!) { openPractice(input: { clientId: $c, type: TAX }) { id } }', { c: clientId });
    await eventually(() => watched.events.some((event) => event.entry.action === 'PRACTICE_OPENED'), { what: 'the last event' });
    watched.unsubscribe();
    const actions = watched.events.map((event) => event.entry.action).filter((action) => action !== 'INTERACTION_LOGGED');
    expect(actions).toEqual(['CLIENT_UPDATED', 'PRACTICE_OPENED']);
  });

  it('keeps apart two root fields of one keyed mutation, by their response names', async () => {
    const twice =
      'mutation { a: createClient(input: { fullName: "Twin Arya" }) { id } b: createClient(input: { fullName: "Twin Bima" }) { id } }';
    const key = randomUUID();
    const first = await post<{ a: { id: string }; b: { id: string } }>(twice, {}, { key });
    expect(first.errors).toBeUndefined();
    const second = await post<{ a: { id: string }; b: { id: string } }>(twice, {}, { key });
    expect(second.data).toEqual(first.data);
    expect(first.data?.a.id).not.toBe(first.data?.b.id);
    expect((await clientsNamed('Twin Arya')) + (await clientsNamed('Twin Bima'))).toBe(2);
  });

  it('keeps apart the operations of a batch, each with its own extensions.idempotencyKey', async () => {
    const keys = [randomUUID(), randomUUID()];
    const batch = () =>
      fetch(platform.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.token}` },
        body: JSON.stringify(
          keys.map((key, index) => ({
            query: CREATE,
            variables: { input: { fullName: `Batch Bagus ${index}` } },
            extensions: { idempotencyKey: key },
          })),
        ),
      }).then(async (response) => (await response.json()) as GraphQLResult<Created>[]);
    const first = await batch();
    const second = await batch();
    expect(first.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(second.map((result) => result.data?.createClient.id)).toEqual(first.map((result) => result.data?.createClient.id));
    expect(new Set(first.map((result) => result.data?.createClient.id)).size).toBe(2);
    expect((await clientsNamed('Batch Bagus 0')) + (await clientsNamed('Batch Bagus 1'))).toBe(2);
  });
});

describe("memory's and chat's writes with an Idempotency-Key", () => {
  it('answers retried startConversation, rememberFact and forgetFact with their first responses', async () => {
    const clientId = platform.memory.clientIds[0];
    const start = 'mutation($c: ID!) { startConversation(input: { clientId: $c, title: "Retried" }) { id title } }';
    const key = randomUUID();
    const first = await post<{ startConversation: { id: string } }>(start, { c: clientId }, { key });
    const second = await post<{ startConversation: { id: string } }>(start, { c: clientId }, { key });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);

    const remember = 'mutation($c: ID!, $t: String!) { rememberFact(input: { clientId: $c, content: $t }) { id content } }';
    const factKey = randomUUID();
    const fact = await post<{ rememberFact: { id: string } }>(
      remember,
      { c: clientId, t: 'Prefers WhatsApp over email' },
      { key: factKey },
    );
    const factAgain = await post<{ rememberFact: { id: string } }>(
      remember,
      { c: clientId, t: 'Prefers WhatsApp over email' },
      { key: factKey },
    );
    expect(factAgain.data).toEqual(fact.data);
    const otherFact = await post(remember, { c: clientId, t: 'Lives in Ubud' }, { key: factKey });
    expect(otherFact.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const forget = 'mutation($id: ID!) { forgetFact(id: $id) }';
    const forgetKey = randomUUID();
    const forgotten = await post<{ forgetFact: boolean }>(forget, { id: fact.data?.rememberFact.id }, { key: forgetKey });
    expect(forgotten.data?.forgetFact).toBe(true);
    // Without the key, forgetting a fact that is gone is NOT_FOUND; with it, the retry gets the first answer.
    const retried = await post<{ forgetFact: boolean }>(forget, { id: fact.data?.rememberFact.id }, { key: forgetKey });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.forgetFact).toBe(true);
    const unkeyed = await post(forget, { id: fact.data?.rememberFact.id });
    expect(unkeyed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('stores one question and starts one answer for a retried sendMessage, and refuses the key for another question', async () => {
    const conversationId = await platform.conversation();
    const send =
      'mutation($c: ID!, $q: String!) { sendMessage(input: { conversationId: $c, content: $q }) { userMessage { id } assistantMessage { id } } }';
    type Sent = { sendMessage: { userMessage: { id: string }; assistantMessage: { id: string } } };
    const key = randomUUID();
    const [first, concurrent] = await Promise.all([
      post<Sent>(send, { c: conversationId, q: 'How long is a VOA valid?' }, { key }),
      post<Sent>(send, { c: conversationId, q: 'How long is a VOA valid?' }, { key }),
    ]);
    expect(first.errors).toBeUndefined();
    expect(concurrent.data).toEqual(first.data);
    const stream = collect<{ seq: number; done: boolean }>(
      platform.ws(),
      'subscription($id: ID!) { messageStream(messageId: $id) { seq done } }',
      { id: first.data?.sendMessage.assistantMessage.id },
    );
    await stream.done;
    const retried = await post<Sent>(send, { c: conversationId, q: 'How long is a VOA valid?' }, { key });
    expect(retried.data).toEqual(first.data);
    const other = await post<Sent>(send, { c: conversationId, q: 'And a KITAS?' }, { key });
    expect(other.errors?.[0]?.extensions?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const seqs = stream.events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1));
    expect(stream.events.filter((event) => event.done)).toHaveLength(1);
    const messages = await platform.query<{ conversation: { messages: { edges: { node: { role: string; status: string } }[] } } }>(
      'query($id: ID!) { conversation(id: $id) { messages(first: 10) { edges { node { role status } } } } }',
      { id: conversationId },
    );
    expect(messages.data?.conversation.messages.edges.map((edge) => edge.node)).toEqual([
      { role: 'USER', status: 'COMPLETE' },
      { role: 'ASSISTANT', status: 'COMPLETE' },
    ]);
  });
});
