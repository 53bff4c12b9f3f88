import { createLogger } from '@nusa/platform';
import { errorReply, startFakeAnthropic, toolUseReply, type FakeAnthropic } from '@nusa/platform/testing';
import type { MessageView } from '../message/message.view';
import { startMemory, type MemoryHarness } from '../../../../test/platform';
import { ClaudeFactExtractor } from './fact.extractor';

let anthropic: FakeAnthropic;
let memory: MemoryHarness;
let failNext = false;

beforeAll(async () => {
  anthropic = await startFakeAnthropic((request) => {
    if (failNext) return errorReply(529, 'overloaded_error', 'Overloaded');
    const messages = request.body.messages as { content: string }[];
    const said = messages[0]?.content ?? '';
    return toolUseReply('record_facts', {
      facts: said.includes('Lisbon')
        ? [
            { kind: 'NATIONALITY', slot: 'nationality', content: 'Nationality: Portuguese' },
            { kind: 'PREFERENCE', slot: null, content: 'Prefers meetings in Seminyak' },
            { kind: 'VISA', slot: 'made.up.slot', content: 'dropped: not a known slot' },
          ]
        : [],
    });
  });
  const extractor = new ClaudeFactExtractor(
    { apiKey: 'test-key', baseUrl: anthropic.baseUrl, model: 'claude-haiku-4-5', maxRetries: 0 },
    createLogger('test', 'silent'),
  );
  memory = await startMemory('fact_claude', { extractor });
});

afterAll(async () => {
  await memory.stop();
  await anthropic.stop();
});

async function completeTurn(clientId: string, question: string): Promise<void> {
  const started = await memory.as(memory.crm.agent)<{ startConversation: { id: string } }>(
    'mutation($c: ID!) { startConversation(input: { clientId: $c }) { id } }',
    { c: clientId },
  );
  const { body } = await memory.internal<{ assistantMessage: MessageView }>('/internal/turns', {
    conversationId: started.data?.startConversation.id,
    content: question,
  });
  await memory.internal('/internal/messages/finish', { messageId: body.assistantMessage.id, status: 'COMPLETE', content: 'Noted.' });
}

async function factsOf(clientId: string): Promise<string[]> {
  const result = await memory.as(memory.crm.agent)<{ _entities: { memoryFacts: { content: string }[] }[] }>(
    'query($id: ID!) { _entities(representations: [{ __typename: "Client", id: $id }]) { ... on Client { memoryFacts { content } } } }',
    { id: clientId },
  );
  return (result.data?._entities[0]?.memoryFacts.map((fact) => fact.content) ?? []).sort();
}

describe('fact extraction with Claude', () => {
  it('records the facts the model returns through a forced tool call, with the real SDK', async () => {
    const clientId = memory.clientIds[0] ?? '';
    await completeTurn(clientId, 'I moved here from Lisbon; I like to meet in Seminyak.');
    expect(await factsOf(clientId)).toEqual(['Nationality: Portuguese', 'Prefers meetings in Seminyak']);
    const sent = anthropic.requests.at(-1)?.body as { model: string; tool_choice: { name: string }; messages: { content: string }[] };
    expect(sent.model).toBe('claude-haiku-4-5');
    expect(sent.tool_choice.name).toBe('record_facts');
    expect(sent.messages[0]?.content).toContain('Lisbon');
    const headers = anthropic.requests.at(-1)?.headers ?? {};
    expect(headers['x-api-key'] ?? headers.authorization).toMatch(/test-key/);
  });

  it('falls back to the rules when the API is overloaded, losing no fact', async () => {
    failNext = true;
    const clientId = memory.clientIds[1] ?? '';
    await completeTurn(clientId, "I'm Canadian and my KITAS expires on 2027-08-01.");
    failNext = false;
    expect(await factsOf(clientId)).toEqual(['KITAS expires 2027-08-01', 'Nationality: Canadian']);
  });
});
