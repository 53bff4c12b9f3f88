import Anthropic from '@anthropic-ai/sdk';
import type { Logger } from '@nusa/platform';
import type { AnthropicSettings } from '../config.js';
import type { Platform } from './platform.js';
import { systemPrompt } from './prompt.js';
import type { Responder, ResponderRun, ResponseSummary } from './responder.js';
import { runTool, TOOLS } from './tools.js';

/** How many times one answer may go back to the model with tool results. */
const MAX_TOOL_ROUNDS = 4;

/**
 * Claude through the real SDK, streaming: text deltas go to the stream as they arrive; tool calls
 * are run against the other subgraphs, stored, and answered until the model ends its turn. The
 * SDK retries 429/529 and connection errors itself (honouring `retry-after`); what survives its
 * retries fails the generation.
 */
export class ClaudeResponder implements Responder {
  readonly offline = false;
  private readonly client: Anthropic;

  constructor(
    private readonly settings: AnthropicSettings,
    private readonly platform: Platform,
    private readonly logger: Logger,
  ) {
    this.client = new Anthropic({
      apiKey: settings.apiKey,
      baseURL: settings.baseUrl,
      maxRetries: settings.maxRetries,
      timeout: 120_000,
    });
  }

  async respond(run: ResponderRun): Promise<ResponseSummary> {
    const { grounding } = run;
    const messages: Anthropic.Messages.MessageParam[] = [...grounding.history, { role: 'user', content: grounding.question }];
    let inputTokens = 0;
    let outputTokens = 0;
    let model: string = this.settings.model;
    for (let round = 0; ; round += 1) {
      const stream = this.client.messages.stream(
        {
          model: this.settings.model,
          max_tokens: this.settings.maxTokens,
          system: systemPrompt(grounding),
          messages,
          ...(round < MAX_TOOL_ROUNDS ? { tools: TOOLS } : {}),
        },
        { signal: run.signal },
      );
      stream.on('text', (delta) => run.emit(delta));
      const final = await stream.finalMessage();
      model = final.model;
      inputTokens += final.usage.input_tokens;
      outputTokens += final.usage.output_tokens;
      const toolUses = final.content.filter((block): block is Anthropic.Messages.ToolUseBlock => block.type === 'tool_use');
      if (final.stop_reason !== 'tool_use' || toolUses.length === 0) break;
      messages.push({ role: 'assistant', content: final.content });
      const results: Anthropic.Messages.ToolResultBlockParam[] = [];
      for (const call of toolUses) {
        const input = (call.input ?? {}) as Record<string, unknown>;
        let outcome: { result: unknown; isError: boolean };
        try {
          outcome = await runTool(this.platform, run.caller, grounding.sources, call.name, input);
        } catch (error) {
          this.logger.warn({ err: error, tool: call.name }, 'tool call failed');
          outcome = { result: { error: error instanceof Error ? error.message : String(error) }, isError: true };
        }
        await run.recordTool({ toolUseId: call.id, name: call.name, input, result: outcome.result, isError: outcome.isError });
        results.push({ type: 'tool_result', tool_use_id: call.id, content: JSON.stringify(outcome.result), is_error: outcome.isError });
      }
      messages.push({ role: 'user', content: results });
    }
    return { model, inputTokens, outputTokens, offline: false };
  }
}
