import { startFakeAnthropic, textStream, type FakeAnthropic } from '@nusa/platform/testing';

/** Tokens per answer and the pause before each, so an answer streams for a couple of seconds. */
export const ANSWER_TOKENS = 40;
export const TOKEN_DELAY_MS = 50;

/** The answer the fake model writes to a question: derived from it, so the soak knows every token to expect. */
export function expectedAnswer(question: string): string[] {
  const key = /\[(q\d+)\]/.exec(question)?.[1] ?? 'q';
  return Array.from({ length: ANSWER_TOKENS }, (_, index) => `${key}.${index} `);
}

/**
 * The fake Anthropic API the chat subgraph (and memory's fact extraction) talks to through the real
 * SDK: a streamed answer for chat, an empty fact list for memory's forced tool call.
 */
export async function startSoakModel(): Promise<FakeAnthropic> {
  return startFakeAnthropic((request) => {
    if (request.body.stream !== true) {
      const tool = (request.body.tool_choice as { name?: string } | undefined)?.name ?? 'record_facts';
      return {
        json: {
          id: 'msg_soak',
          type: 'message',
          role: 'assistant',
          model: 'claude-haiku-4-5',
          content: [{ type: 'tool_use', id: 'toolu_soak', name: tool, input: { facts: [] } }],
          stop_reason: 'tool_use',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 5 },
        },
      };
    }
    const messages = request.body.messages as { role: string; content: unknown }[];
    const last = messages[messages.length - 1]?.content;
    const question = typeof last === 'string' ? last : JSON.stringify(last);
    return textStream(expectedAnswer(question), { delayMs: TOKEN_DELAY_MS });
  });
}
