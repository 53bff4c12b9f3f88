import type { MessageView } from '../message/message.view';
import { startMemory, type MemoryHarness } from '../../../../test/platform';

let memory: MemoryHarness;
let id: string;
beforeAll(async () => {
  memory = await startMemory('export');
  const started = await memory.as(memory.crm.agent)<{ startConversation: { id: string } }>(
    'mutation($c: ID!) { startConversation(input: { clientId: $c, title: "Investor KITAS" }) { id } }',
    { c: memory.clientIds[0] },
  );
  id = started.data?.startConversation.id ?? '';
  const { body } = await memory.internal<{ assistantMessage: MessageView }>('/internal/turns', {
    conversationId: id,
    content: 'What does an E28A need?',
  });
  await memory.internal('/internal/messages/finish', {
    messageId: body.assistantMessage.id,
    status: 'COMPLETE',
    content: 'A PT PMA deed, NIB and a passport valid 18 months.',
    model: 'claude-haiku-4-5',
    citations: [
      { documentId: 'd1', title: 'Investor KITAS (E28A)', source: 'https://www.imigrasi.go.id', collection: 'visa_oracle', chunkIndex: 2 },
    ],
  });
});
afterAll(() => memory.stop());

describe('exporting a conversation', () => {
  it('gives complete, machine-readable JSON', async () => {
    const result = await memory.as(memory.crm.agent)<{ exportConversation: string }>(
      'query($id: ID!) { exportConversation(id: $id, format: JSON) }',
      { id },
    );
    const exported = JSON.parse(result.data?.exportConversation ?? '{}') as { conversation: { title: string }; messages: MessageView[] };
    expect(exported.conversation.title).toBe('Investor KITAS');
    expect(exported.messages.map((m) => [m.seq, m.role, m.status])).toEqual([
      [1, 'USER', 'COMPLETE'],
      [2, 'ASSISTANT', 'COMPLETE'],
    ]);
    expect(exported.messages[1]?.citations[0]).toMatchObject({ collection: 'visa_oracle', chunkIndex: 2 });
  });

  it('gives readable Markdown with roles, times and citations', async () => {
    const result = await memory.as(memory.crm.agent)<{ exportConversation: string }>(
      'query($id: ID!) { exportConversation(id: $id, format: MARKDOWN) }',
      { id },
    );
    const text = result.data?.exportConversation ?? '';
    expect(text).toMatch(/^# Investor KITAS\n/);
    expect(text).toMatch(/## 1\. Team member — \d{4}-\d{2}-\d{2}T/);
    expect(text).toContain('## 2. Assistant');
    expect(text).toContain('1. Investor KITAS (E28A) (visa_oracle, passage 2) — https://www.imigrasi.go.id');
  });
});
