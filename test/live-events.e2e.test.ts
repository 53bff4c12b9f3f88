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
  platform = await startChatPlatform('live_events', { offlineTokenDelayMs: 1, memory: { events: 'redis' } });
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
