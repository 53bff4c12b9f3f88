import { eventually, testRedisUrl } from '@nusa/platform/testing';
import Redis from 'ioredis';
import { collect, startChatPlatform, type ChatPlatform } from './platform';

interface ConversationEvent {
  kind: string;
  at: string;
  message: { id: string; role: string; status: string; content: string };
  conversation: { id: string; messageCount: number; client: { fullName: string } | null };
}

const EVENTS = `subscription($id: ID!) {
  conversationEvents(conversationId: $id) {
    kind at
    message { id role status content }
    conversation { id messageCount client { fullName } }
  }
}`;
const SEND = `mutation($input: SendMessageInput!) {
  sendMessage(input: $input) { userMessage { id } assistantMessage { id } }
}`;

let platform: ChatPlatform;
let redis: Redis;

beforeAll(async () => {
  platform = await startChatPlatform('live_events', {
    offlineTokenDelayMs: 1,
    memory: { events: 'redis' },
    crm: { redisUrl: testRedisUrl },
  });
  redis = new Redis(testRedisUrl);
}, 180_000);

afterAll(async () => {
  redis.disconnect();
  await platform.stop();
});

const codeOf = (error: unknown) => (error as { extensions?: { code?: string } }).extensions?.code;

const subscribers = async (conversationId: string) =>
  Number(((await redis.pubsub('NUMSUB', `nusa:events:conversation:${conversationId}`)) as [string, number])[1]);

describe('conversationEvents through the gateway', () => {
  it('delivers a message sent through one gateway to a subscriber on another, each event resolved across memory and the CRM', async () => {
    const conversationId = await platform.conversation();
    const other = await platform.addGateway(platform.chat);
    const watched = collect<ConversationEvent>(platform.ws({ gateway: other }), EVENTS, { id: conversationId }, 'conversationEvents');
    await eventually(async () => (await subscribers(conversationId)) === 1, { what: 'the Redis subscription' });

    const sent = await platform.query<{ sendMessage: { userMessage: { id: string }; assistantMessage: { id: string } } }>(SEND, {
      input: { conversationId, content: 'How long does a KITAS take?' },
    });
    expect(sent.errors).toBeUndefined();
    const { userMessage, assistantMessage } = sent.data!.sendMessage;

    await eventually(() => watched.events.some((event) => event.kind === 'MESSAGE_STATUS_CHANGED'), {
      timeoutMs: 20_000,
      what: 'the final event',
    });
    watched.unsubscribe();
    expect(watched.errors).toEqual([]);
    const [asked, opened, finished] = watched.events;
    expect(asked).toMatchObject({
      kind: 'MESSAGE_ADDED',
      message: { id: userMessage.id, role: 'USER', content: 'How long does a KITAS take?' },
    });
    expect(opened).toMatchObject({ kind: 'MESSAGE_ADDED', message: { id: assistantMessage.id, role: 'ASSISTANT' } });
    expect(finished).toMatchObject({ kind: 'MESSAGE_STATUS_CHANGED', message: { id: assistantMessage.id, status: 'COMPLETE' } });
    expect(finished?.message.content.length).toBeGreaterThan(0);
    // Each event is read when it is delivered, not from a subscription-long cache.
    expect(finished?.conversation.messageCount).toBe(2);
    for (const event of watched.events) expect(event.conversation.client?.fullName).toEqual(expect.any(String));
    await eventually(async () => (await subscribers(conversationId)) === 0, { what: 'the Redis subscription released' });
  });

  it('refuses a conversation that does not exist or a malformed id with a coded error, and holds no Redis subscription for it', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const refused = collect<ConversationEvent>(platform.ws(), EVENTS, { id: missing }, 'conversationEvents');
    await refused.done;
    expect(refused.errors.map(codeOf)).toEqual(['NOT_FOUND']);
    expect(await subscribers(missing)).toBe(0);

    const malformed = collect<ConversationEvent>(platform.ws(), EVENTS, { id: 'not-an-id' }, 'conversationEvents');
    await malformed.done;
    expect(malformed.errors.map(codeOf)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a signed-out caller before anything reaches memory', async () => {
    const conversationId = await platform.conversation();
    const anonymous = collect<ConversationEvent>(
      platform.ws({ authorization: null }),
      EVENTS,
      { id: conversationId },
      'conversationEvents',
    );
    await anonymous.done;
    expect(anonymous.errors.map(codeOf)).toEqual(['UNAUTHENTICATED']);
    expect(await subscribers(conversationId)).toBe(0);
  });
});

interface ClientEvent {
  entry: { action: string; actorName: string; entityType: string };
  client: { id: string; fullName: string; conversations: { totalCount: number } };
  practice: { id: string; status: string } | null;
}

const CLIENT_EVENTS = `subscription($id: ID!) {
  clientEvents(clientId: $id) {
    entry { action actorName entityType }
    client { id fullName conversations { totalCount } }
    practice { id status }
  }
}`;

describe('clientEvents through the gateway', () => {
  it('announces committed changes to a client to a subscriber on another gateway, resolved across the CRM and memory, and never a refused one', async () => {
    const clientId = platform.memory.clientIds[1] as string;
    const other = await platform.addGateway(platform.chat);
    const watched = collect<ClientEvent>(platform.ws({ gateway: other }), CLIENT_EVENTS, { id: clientId }, 'clientEvents');
    await eventually(async () => Number(((await redis.pubsub('NUMSUB', `nusa:events:client:${clientId}`)) as [string, number])[1]) === 1, {
      what: 'the Redis subscription',
    });

    const opened = await platform.query<{ openPractice: { id: string } }>(
      'mutation($c: ID!) { openPractice(input: { clientId: $c, type: KITAS, title: "Investor KITAS" }) { id } }',
      { c: clientId },
    );
    expect(opened.errors).toBeUndefined();
    const practiceId = opened.data!.openPractice.id;
    const refused = await platform.query('mutation($p: ID!) { updatePracticeStatus(id: $p, status: COMPLETED) { id } }', { p: practiceId });
    expect(refused.errors?.map(codeOf)).toEqual(['BAD_USER_INPUT']);
    const moved = await platform.query('mutation($p: ID!) { updatePracticeStatus(id: $p, status: DOCUMENTS_PENDING) { id } }', {
      p: practiceId,
    });
    expect(moved.errors).toBeUndefined();
    const logged = await platform.query(
      'mutation($c: ID!, $p: ID!) { logInteraction(input: { clientId: $c, practiceId: $p, channel: WHATSAPP, summary: "Sent the document list" }) { id } }',
      { c: clientId, p: practiceId },
    );
    expect(logged.errors).toBeUndefined();

    await eventually(() => watched.events.length >= 3, { what: 'three events' });
    watched.unsubscribe();
    expect(watched.errors).toEqual([]);
    expect(watched.events.map((event) => event.entry.action)).toEqual(['PRACTICE_OPENED', 'PRACTICE_STATUS_CHANGED', 'INTERACTION_LOGGED']);
    expect(watched.events[1]?.practice).toEqual({ id: practiceId, status: 'DOCUMENTS_PENDING' });
    for (const event of watched.events) {
      expect(event.client.id).toBe(clientId);
      expect(event.client.conversations.totalCount).toEqual(expect.any(Number));
      expect(event.entry.actorName).toEqual(expect.any(String));
    }
  });

  it('refuses an unknown client with NOT_FOUND', async () => {
    const refused = collect<ClientEvent>(platform.ws(), CLIENT_EVENTS, { id: '00000000-0000-4000-8000-000000000000' }, 'clientEvents');
    await refused.done;
    expect(refused.errors.map(codeOf)).toEqual(['NOT_FOUND']);
  });
});

interface DeadlineEvent {
  practice: { id: string; title: string; client: { fullName: string } };
  deadline: { date: string; kind: string; daysLeft: number } | null;
}

const DEADLINES = `subscription($days: Int!) {
  practiceDeadlines(withinDays: $days) {
    practice { id title client { fullName } }
    deadline { date kind daysLeft }
  }
}`;

/** A day `days` from today in Bali, as the CRM counts deadlines. */
const baliDay = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

describe('practiceDeadlines through the gateway', () => {
  it('delivers a practice once when a change moves it into the window, seen from another gateway, and not one outside it', async () => {
    const clientId = platform.memory.clientIds[2] as string;
    const other = await platform.addGateway(platform.chat);
    const watched = collect<DeadlineEvent>(platform.ws({ gateway: other }), DEADLINES, { days: 7 }, 'practiceDeadlines');
    await eventually(async () => Number(((await redis.pubsub('NUMSUB', 'nusa:events:practices')) as [string, number])[1]) >= 1, {
      what: 'the Redis subscription',
    });
    const open = async (title: string, dueDate: string) => {
      const opened = await platform.query<{ openPractice: { id: string } }>(
        'mutation($c: ID!, $t: String!, $d: String!) { openPractice(input: { clientId: $c, type: KITAS, title: $t, dueDate: $d }) { id } }',
        { c: clientId, t: title, d: dueDate },
      );
      expect(opened.errors).toBeUndefined();
      return opened.data!.openPractice.id;
    };
    const later = await open('Due next month', baliDay(30));
    const soon = await open('Due in three days', baliDay(3));
    await eventually(() => watched.events.length >= 1, { what: 'the practice entering the window' });
    // Moving a date within the window, and into it for the one outside, delivers only the newcomer.
    const moved = await platform.query('mutation($p: ID!, $d: String!) { updatePractice(id: $p, input: { dueDate: $d }) { id } }', {
      p: soon,
      d: baliDay(2),
    });
    expect(moved.errors).toBeUndefined();
    const pulled = await platform.query('mutation($p: ID!, $d: String!) { updatePractice(id: $p, input: { dueDate: $d }) { id } }', {
      p: later,
      d: baliDay(5),
    });
    expect(pulled.errors).toBeUndefined();
    await eventually(() => watched.events.length >= 2, { what: 'the second practice entering the window' });
    watched.unsubscribe();
    expect(watched.errors).toEqual([]);
    expect(watched.events.map((event) => event.practice.id)).toEqual([soon, later]);
    expect(watched.events[0]?.deadline).toEqual({ date: baliDay(3), kind: 'DUE', daysLeft: 3 });
    expect(watched.events[1]?.deadline).toEqual({ date: baliDay(5), kind: 'DUE', daysLeft: 5 });
    expect(watched.events[0]?.practice.client.fullName).toEqual(expect.any(String));
  });

  it('refuses a window outside 0–366 days with BAD_USER_INPUT', async () => {
    const refused = collect<DeadlineEvent>(platform.ws(), DEADLINES, { days: -1 }, 'practiceDeadlines');
    await refused.done;
    expect(refused.errors.map(codeOf)).toEqual(['BAD_USER_INPUT']);
  });
});
