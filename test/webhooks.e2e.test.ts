import { eventually, postGraphQL } from '@nusa/platform/testing';
import { startReceiver, verify, type Receiver } from '../subgraphs/crm/src/webhook/webhook.testing';
import { signIn, startChatPlatform, type ChatPlatform } from './platform';

/**
 * Partner webhooks end to end, as an integrator meets them: an administrator registers a URL
 * through the real gateway, writes made through the gateway reach a real local receiver signed with
 * the secret shown once (checked here with the partner guide's recipe, not the crm's signing code),
 * a refused delivery is retried with the same event id, and the deliveries and their attempts are
 * readable through the gateway.
 */
let platform: ChatPlatform;
let receiver: Receiver;
let agentToken: string;

const REGISTER = `mutation($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes enabled } }
}`;
const DELIVERIES = `query($id: ID!) {
  webhookDeliveries(endpointId: $id, first: 20) {
    edges { node { eventId eventType entityId status attemptCount attempts { number statusCode } } }
  }
}`;

interface DeliveryNode {
  eventId: string;
  eventType: string;
  entityId: string;
  status: string;
  attemptCount: number;
  attempts: { number: number; statusCode: number | null }[];
}

beforeAll(async () => {
  // The receiver refuses the first request it gets, so one delivery needs a retry.
  receiver = await startReceiver((_request, before) => (before.length === 0 ? 503 : 200));
  platform = await startChatPlatform('webhooks_e2e', {
    offlineTokenDelayMs: 1,
    crm: { webhooks: { pollIntervalMs: 100, retryInitialMs: 300, retryMaxMs: 1_000, allowPrivateAddresses: true } },
  });
  const invited = await platform.query<{ inviteTeamMember: { temporaryPassword: string } }>(
    'mutation { inviteTeamMember(email: "made@example.com", name: "Made Agent", role: AGENT) { temporaryPassword } }',
  );
  const password = invited.data?.inviteTeamMember.temporaryPassword;
  if (!password) throw new Error(`the agent could not be invited: ${JSON.stringify(invited.errors)}`);
  agentToken = await signIn(platform.gateway.url, { email: 'made@example.com', password });
}, 180_000);

afterAll(async () => {
  await platform.stop();
  await receiver.close();
});

describe('partner webhooks through the gateway', () => {
  it('refuses an agent registering an endpoint (FORBIDDEN), and a URL that is not http(s) (BAD_USER_INPUT)', async () => {
    const asAgent = await postGraphQL(
      platform.gateway.url,
      REGISTER,
      { input: { url: receiver.url, eventTypes: ['CLIENT_CREATED'] } },
      { authorization: `Bearer ${agentToken}` },
    );
    expect(asAgent.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ftp = await platform.query(REGISTER, { input: { url: 'ftp://partner.example.com/hooks', eventTypes: ['CLIENT_CREATED'] } });
    expect(ftp.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.url' });
  });

  it('delivers client.created and practice.status_changed, signed, in order per entity, retrying a refused one under its id', async () => {
    const registered = await platform.query<{ createWebhookEndpoint: { secret: string; endpoint: { id: string; enabled: boolean } } }>(
      REGISTER,
      { input: { url: receiver.url, eventTypes: ['CLIENT_CREATED', 'PRACTICE_STATUS_CHANGED'] } },
    );
    expect(registered.errors).toBeUndefined();
    const { secret, endpoint } = registered.data!.createWebhookEndpoint;
    expect(endpoint.enabled).toBe(true);

    const created = await platform.query<{ createClient: { id: string } }>(
      'mutation { createClient(input: { fullName: "Hook Hartono", nationality: "AU" }) { id } }',
    );
    const clientId = created.data!.createClient.id;
    const opened = await platform.query<{ openPractice: { id: string } }>(
      'mutation($c: ID!) { openPractice(input: { clientId: $c, type: KITAS }) { id } }',
      { c: clientId },
    );
    const practiceId = opened.data!.openPractice.id;
    const move = 'mutation($id: ID!, $s: PracticeStatus!) { updatePracticeStatus(id: $id, status: $s) { status } }';
    for (const status of ['DOCUMENTS_PENDING', 'SUBMITTED']) {
      expect((await platform.query(move, { id: practiceId, s: status })).errors).toBeUndefined();
    }

    const accepted = () => receiver.received.filter((request) => request.answered === 200);
    await eventually(() => accepted().length === 3, { timeoutMs: 20_000, intervalMs: 100, what: 'three accepted deliveries' });
    for (const request of receiver.received) {
      expect(verify(secret, request.headers, request.raw)).toBe(true);
      expect(verify('whsec_not-the-secret', request.headers, request.raw)).toBe(false);
      expect(request.headers['nusa-webhook-id']).toBe(request.body.id);
    }
    // In order per entity: the practice's two moves arrive in order, while the client's event (another
    // entity, waiting for its retry) does not hold them up.
    const of = (id: string) =>
      accepted()
        .filter((request) => request.body.data.id === id)
        .map((request) => [request.body.type, request.body.data.status]);
    expect(of(practiceId)).toEqual([
      ['practice.status_changed', 'DOCUMENTS_PENDING'],
      ['practice.status_changed', 'SUBMITTED'],
    ]);
    expect(of(clientId)).toEqual([['client.created', 'LEAD']]);
    // The refused request (whichever event went first) was sent again under the same id.
    const [refused] = receiver.received;
    expect(refused?.answered).toBe(503);
    expect(accepted().filter((request) => request.body.id === refused?.body.id)).toHaveLength(1);

    const listed = await platform.query<{ webhookDeliveries: { edges: { node: DeliveryNode }[] } }>(DELIVERIES, { id: endpoint.id });
    expect(listed.errors).toBeUndefined();
    const nodes = listed.data!.webhookDeliveries.edges.map((edge) => edge.node);
    expect(nodes.every((node) => node.status === 'DELIVERED')).toBe(true);
    const attempts = (node: DeliveryNode | undefined) => node?.attempts.map((attempt) => attempt.statusCode);
    expect(attempts(nodes.find((node) => node.eventId === refused?.body.id))).toEqual([503, 200]);
    expect(nodes.filter((node) => node.eventId !== refused?.body.id).map(attempts)).toEqual([[200], [200]]);
  });

  it('delivers answer.completed once an answer sent through the gateway completes, with the answer as stored', async () => {
    const registered = await platform.query<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(REGISTER, {
      input: { url: receiver.url, eventTypes: ['ANSWER_COMPLETED'] },
    });
    const { secret } = registered.data!.createWebhookEndpoint;
    const conversationId = await platform.conversation();
    const sent = await platform.query<{ sendMessage: { assistantMessage: { id: string } } }>(
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { assistantMessage { id } } }',
      { input: { conversationId, content: 'Which permit lets me retire in Bali, and from what age?' } },
    );
    expect(sent.errors).toBeUndefined();
    const messageId = sent.data!.sendMessage.assistantMessage.id;
    const answered = () =>
      receiver.received.filter((request) => request.body.type === 'answer.completed' && request.body.data.id === messageId);
    await eventually(() => answered().length > 0, { timeoutMs: 20_000, intervalMs: 100, what: 'the answer.completed delivery' });
    const [delivery] = answered();
    expect(verify(secret, delivery!.headers, delivery!.raw)).toBe(true);
    const read = await platform.query<{
      conversation: { messages: { edges: { node: { id: string; content: string; status: string } }[] } };
    }>('query($id: ID!) { conversation(id: $id) { messages(last: 10) { edges { node { id content status } } } } }', { id: conversationId });
    const stored = read.data?.conversation.messages.edges.find((edge) => edge.node.id === messageId)?.node;
    expect(stored?.status).toBe('COMPLETE');
    expect(delivery!.body.data).toMatchObject({
      id: messageId,
      conversationId,
      clientId: platform.memory.clientIds[0],
      content: stored?.content,
    });
    expect(String(delivery!.body.data.content).length).toBeGreaterThan(0);
    // Once per answer, although both endpoints exist and only this one asked for answers.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(answered()).toHaveLength(1);
  });
});
