import { join } from 'node:path';
import { postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import type { MessageView } from '../subgraphs/memory/src/message/message.view';
import { signIn, startMemory, type MemoryHarness } from './platform';

let memory: MemoryHarness;
let gateway: GatewayHarness;
let token: string;

beforeAll(async () => {
  memory = await startMemory('memory_e2e');
  gateway = await startGateway({
    supergraphPath: join(__dirname, '..', 'schema', 'supergraph.graphql'),
    subgraphUrls: { crm: memory.crm.url, memory: memory.url },
    ...TEST_SECRETS,
  });
  token = await signIn(gateway.url);
});

afterAll(async () => {
  await gateway.stop();
  await memory.stop();
});

function query<TData>(text: string, variables: Record<string, unknown> = {}) {
  return postGraphQL<TData>(gateway.url, text, variables, { authorization: `Bearer ${token}` });
}

describe('memory through the gateway', () => {
  it('serves a client with its conversations, messages and facts, and each message back to its client', async () => {
    const clientId = memory.clientIds[0];
    const started = await query<{ startConversation: { id: string } }>(
      'mutation($c: ID!) { startConversation(input: { clientId: $c, title: "Second-home visa" }) { id } }',
      { c: clientId },
    );
    const conversationId = started.data?.startConversation.id;
    const { body } = await memory.internal<{ assistantMessage: MessageView }>('/internal/turns', {
      conversationId,
      content: "I'm Swiss and my budget is USD 300k.",
    });
    await memory.internal('/internal/messages/finish', {
      messageId: body.assistantMessage.id,
      status: 'COMPLETE',
      content: 'A second-home KITAS fits.',
    });

    const result = await query<{
      client: {
        fullName: string;
        memoryFacts: { content: string; sourceMessage: { content: string } }[];
        conversations: {
          edges: {
            node: { title: string; messages: { edges: { node: { role: string; conversation: { client: { fullName: string } } } }[] } };
          }[];
        };
      };
    }>(
      `query($id: ID!) { client(id: $id) { fullName
         memoryFacts { content sourceMessage { content } }
         conversations(first: 5) { edges { node { title messages(last: 10) { edges { node { role content status conversation { client { fullName } } } } } } } } } }`,
      { id: clientId },
    );
    expect(result.errors).toBeUndefined();
    const client = result.data?.client;
    expect(client?.memoryFacts.map((fact) => fact.content).sort()).toEqual(['Budget: USD 300k', 'Nationality: Swiss']);
    expect(client?.memoryFacts[0]?.sourceMessage.content).toBe("I'm Swiss and my budget is USD 300k.");
    const conversation = client?.conversations.edges[0]?.node;
    expect(conversation?.title).toBe('Second-home visa');
    expect(conversation?.messages.edges.map((edge) => edge.node.role)).toEqual(['USER', 'ASSISTANT']);
    expect(conversation?.messages.edges[1]?.node.conversation.client.fullName).toBe(client?.fullName);
  });
});
