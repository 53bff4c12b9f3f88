import { randomUUID } from 'node:crypto';
import { AnthropicError, APIError } from '@anthropic-ai/sdk';
import type { Caller, Logger } from '@nusa/platform';
import type { FinalMessage, MemoryApi, StoredMessage, TurnContext } from '../message/memory-api.js';
import type { Platform } from './platform.js';
import type { TokenLog } from '../stream/token-log.js';
import { Sources, type Grounding, type HistoryTurn, type Responder } from './responder.js';
import { TokenWriter } from './token-writer.js';
import type { ReviewedAnswerMatch, ReviewedAnswers } from '../reviewed-answer/reviewed-answers.js';
import { streamReviewedAnswer } from '../reviewed-answer/serve-reviewed.js';

/** The `error` of a stream's final event when the answer was cancelled (FAILED has the reason; COMPLETE null). */
export const CANCELLED_ERROR = 'Cancelled';

/** Why a generation was stopped before its end. */
class Stop extends Error {
  constructor(readonly status: 'CANCELLED' | 'FAILED') {
    super(status === 'CANCELLED' ? CANCELLED_ERROR : 'The chat service stopped before the answer was complete; send the message again');
  }
}

/** The final event's `error` for a message that ended with `status`. */
export function endError(status: FinalMessage['status'], error: string | null | undefined): string | null {
  if (status === 'COMPLETE') return null;
  return status === 'CANCELLED' ? CANCELLED_ERROR : (error ?? 'Failed');
}

/** How long the final message is retried while memory does not answer. */
const FINISH_RETRY_MS = 60_000;

const HISTORY_TURNS = 20;
/** How many knowledge hits an answer is grounded in. */
export const GROUNDING_HITS = 5;

/** One answer to write: the turn sendMessage opened. */
export interface GenerationRequest {
  conversationId: string;
  question: string;
  assistantMessageId: string;
  caller: Caller;
  requestId: string;
  /** The reviewed answer for the question, asked for as the request arrived; unset: asked for here. */
  reviewed?: Promise<ReviewedAnswerMatch | null>;
}

export interface GeneratorOptions {
  log: TokenLog;
  memory: MemoryApi;
  platform: Platform;
  responder: Responder;
  logger: Logger;
  /** The reviewed answers a question close to a reviewed one is answered from; unset: none. */
  reviewedAnswers?: ReviewedAnswers;
  /** How long a generator's claim on a message lasts without renewal; a crashed generator's message is failed after twice this. */
  leaseMs?: number;
  /** How long a finished stream's claim is kept, so a repeated sendMessage starts nothing. */
  retentionSeconds?: number;
  /** Observes finished generations (metrics). */
  onFinished?: (outcome: GenerationOutcome) => void;
}

/** How a generation ended, for metrics. */
export interface GenerationOutcome {
  status: FinalMessage['status'];
  offline: boolean;
  /** Token events streamed (the final event not counted). */
  tokens: number;
  latencyMs: number;
  inputTokens: number | null;
  outputTokens: number | null;
}

/** The conversation's earlier turns as the model takes them: complete user and assistant messages, alternating. */
export function historyOf(recent: StoredMessage[], excludeFromSeq: number): HistoryTurn[] {
  const turns: HistoryTurn[] = [];
  for (const message of recent) {
    if (message.seq >= excludeFromSeq || message.status !== 'COMPLETE' || !message.content.trim()) continue;
    if (message.role !== 'USER' && message.role !== 'ASSISTANT') continue;
    const role = message.role === 'USER' ? 'user' : 'assistant';
    const previous = turns[turns.length - 1];
    if (previous?.role === role) previous.content += `\n\n${message.content}`;
    else turns.push({ role, content: message.content });
  }
  while (turns[0]?.role === 'assistant') turns.shift();
  const kept = turns.slice(-HISTORY_TURNS);
  while (kept[0]?.role === 'assistant') kept.shift();
  // The question itself is the next user turn: the history must end with the assistant.
  if (kept[kept.length - 1]?.role === 'user') kept.pop();
  return kept;
}

/**
 * Writes answers in the background: claims the message (one generator per message across
 * instances), grounds the question in memory and the knowledge base, streams the responder's
 * deltas into the token log, writes the final message to memory once, then ends the stream. A
 * cancel (from any instance) aborts the model request; a generator that dies leaves its claim to
 * expire, and {@link sweep} on any instance fails the message.
 */
export class Generator {
  readonly instanceId = randomUUID();
  private readonly active = new Map<string, AbortController>();
  private readonly runs = new Set<Promise<void>>();
  private readonly leaseMs: number;
  private readonly unsubscribeCancel: () => void;

  constructor(private readonly options: GeneratorOptions) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.unsubscribeCancel = options.log.onCancel((messageId) => this.active.get(messageId)?.abort(new Stop('CANCELLED')));
  }

  /** Generations running on this instance. */
  get running(): number {
    return this.active.size;
  }

  /**
   * Starts writing the answer unless some generator already has (a repeated sendMessage). Resolves
   * once the claim is decided; the generation goes on in the background.
   */
  async start(request: GenerationRequest): Promise<boolean> {
    const claimed = await this.options.log.claim(request.assistantMessageId, this.instanceId, Math.ceil(this.leaseMs / 1000));
    if (!claimed) return false;
    const controller = new AbortController();
    this.active.set(request.assistantMessageId, controller);
    const run = this.generate(request, controller).finally(() => {
      this.active.delete(request.assistantMessageId);
      this.runs.delete(run);
    });
    this.runs.add(run);
    return true;
  }

  private async generate(request: GenerationRequest, controller: AbortController): Promise<void> {
    const { log, memory, responder, logger } = this.options;
    const messageId = request.assistantMessageId;
    const started = Date.now();
    const writer = new TokenWriter(log, messageId);
    const renewal = setInterval(() => {
      this.keepClaim(messageId).then(
        (held) => held || controller.abort(new Stop('FAILED')),
        (error: unknown) => logger.warn({ err: error, messageId }, 'could not renew the generation claim'),
      );
    }, this.leaseMs / 3);
    renewal.unref();
    let final: FinalMessage;
    let grounding: Grounding | null = null;
    try {
      const reviewed = await this.reviewedFor(request);
      if (reviewed) {
        const served = this.options.reviewedAnswers?.served(messageId, reviewed.id);
        final = await streamReviewedAnswer(reviewed, writer, controller.signal);
        // Recorded before the stream ends, so its final event's message is marked reviewed.
        await served?.catch((error: unknown) => logger.warn({ err: error, messageId }, 'could not record the reviewed answer served'));
      } else {
        grounding = await this.ground(request);
        const summary = await responder.respond({
          grounding,
          caller: request.caller,
          emit: (delta) => writer.push(delta),
          recordTool: async (record) => {
            await memory.append({
              conversationId: request.conversationId,
              role: 'TOOL',
              content: JSON.stringify(record),
              idempotencyKey: `${messageId}:${record.toolUseId}`,
            });
          },
          signal: controller.signal,
        });
        await writer.flush();
        final = { status: 'COMPLETE', content: writer.text, ...summary, citations: grounding.sources.cited(writer.text), error: null };
      }
    } catch (error) {
      const stop = controller.signal.aborted && controller.signal.reason instanceof Stop ? controller.signal.reason : null;
      if (!stop) logger.warn({ err: error, messageId }, 'generation failed');
      await writer.flush().catch(() => undefined);
      // What the stream carried: a delta the log never took (it failed) is in no reader's answer either.
      final = {
        status: stop?.status ?? 'FAILED',
        content: writer.storedText,
        offline: responder.offline,
        citations: grounding ? grounding.sources.cited(writer.storedText) : [],
        error: stop ? (stop.status === 'FAILED' ? stop.message : null) : describeFailure(error),
      };
    }
    final.latencyMs = Date.now() - started;
    // The claim is renewed while the final message is written, so no sweeper settles it meanwhile.
    const finished = await this.finish(messageId, final).finally(() => clearInterval(renewal));
    try {
      await writer.end(endError(final.status, final.error));
      // Keep the claim for as long as the stream is kept, so a repeated sendMessage starts nothing;
      // unless the final message is unwritten: then the claim lapses, and a sweeper writes it from the stream.
      if (finished) await log.renew(messageId, this.instanceId, this.options.retentionSeconds ?? 3600);
    } catch (error) {
      logger.error({ err: error, messageId }, 'could not end the token stream');
    }
    this.options.onFinished?.({
      status: final.status,
      offline: responder.offline,
      tokens: writer.lastSeq - 1,
      latencyMs: final.latencyMs,
      inputTokens: final.inputTokens ?? null,
      outputTokens: final.outputTokens ?? null,
    });
  }

  /**
   * Renews this generator's claim. A claim nobody holds any more (the store lost it: a Redis restarted
   * without its data) is taken back; false only when another instance holds it now.
   */
  private async keepClaim(messageId: string): Promise<boolean> {
    const { log } = this.options;
    const ttlSeconds = Math.ceil(this.leaseMs / 1000);
    if (await log.renew(messageId, this.instanceId, ttlSeconds)) return true;
    return log.claim(messageId, this.instanceId, ttlSeconds);
  }

  /**
   * Writes the final message, retrying while memory is unreachable (200 ms doubling to 5 s, for a
   * minute: a memory restarting under load took 20 s in the soak); false when every try failed,
   * and the sweeper is to settle it from the stream.
   */
  private async finish(messageId: string, final: FinalMessage): Promise<boolean> {
    const deadline = Date.now() + FINISH_RETRY_MS;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.options.memory.finish(messageId, final);
        return true;
      } catch (error) {
        if (Date.now() >= deadline) {
          this.options.logger.error({ err: error, messageId }, 'could not write the final message; the sweeper will settle it');
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  }

  /** The reviewed answer to serve for the question, if any; a failed look-up is a miss (the answer is written as usual). */
  private async reviewedFor(request: GenerationRequest): Promise<ReviewedAnswerMatch | null> {
    const { reviewedAnswers, logger } = this.options;
    if (!reviewedAnswers) return null;
    try {
      return await (request.reviewed ?? reviewedAnswers.match(request.question, request.requestId));
    } catch (error) {
      logger.warn({ err: error }, 'could not look for a reviewed answer');
      return null;
    }
  }

  /** Memory (recent turns, the client's facts) and knowledge passages; either may be missing if its service is down. */
  private async ground(request: GenerationRequest): Promise<Grounding> {
    const { memory, platform, logger } = this.options;
    const [context, hits] = await Promise.all([
      memory.context(request.conversationId, request.question).catch((error: unknown): TurnContext | null => {
        logger.warn({ err: error }, 'no memory context for this answer');
        return null;
      }),
      platform.searchKnowledge(request.caller, request.question, { limit: GROUNDING_HITS }).catch((error: unknown) => {
        logger.warn({ err: error }, 'no knowledge passages for this answer');
        return [];
      }),
    ]);
    const sources = new Sources();
    sources.add(hits);
    const assistantSeq = context?.recent.find((message) => message.id === request.assistantMessageId)?.seq ?? Number.MAX_SAFE_INTEGER;
    return {
      question: request.question,
      history: context ? historyOf(context.recent, assistantSeq - 1) : [],
      clientId: context?.conversation.clientId ?? null,
      facts: context?.facts ?? [],
      sources,
    };
  }

  /** Asks whichever instance runs the generation to stop it; a message nobody generates any more is cancelled here. */
  async cancel(messageId: string): Promise<void> {
    const { log } = this.options;
    if (this.active.has(messageId) || (await log.claimed(messageId))) {
      await log.cancel(messageId);
      return;
    }
    if (await log.claim(messageId, this.instanceId, Math.ceil(this.leaseMs / 1000))) await this.settle(messageId, new Stop('CANCELLED'));
  }

  /**
   * Fails the messages whose generator is gone: STREAMING for longer than two leases with nobody
   * holding their claim. The content streamed so far is kept; the stream gets its final event.
   */
  async sweep(): Promise<number> {
    const { log, memory, logger } = this.options;
    let settled = 0;
    for (const message of await memory.streaming(this.leaseMs * 2)) {
      if (message.role !== 'ASSISTANT' || this.active.has(message.id) || (await log.claimed(message.id))) continue;
      if (!(await log.claim(message.id, this.instanceId, Math.ceil(this.leaseMs / 1000)))) continue;
      try {
        await this.settle(message.id, new Stop('FAILED'));
        settled += 1;
      } catch (error) {
        logger.warn({ err: error, messageId: message.id }, 'could not settle an interrupted generation');
      }
    }
    return settled;
  }

  /**
   * Ends a claimed message nobody is generating: its content is what was streamed. A stream that has
   * its final event already says how the answer ended (only its final message was never written);
   * otherwise the message ends as `stop` says and its stream gets a final event.
   */
  private async settle(messageId: string, stop: Stop): Promise<void> {
    const { log, memory } = this.options;
    const last = await log.last(messageId);
    let content = '';
    if (last) {
      for await (const event of log.read(messageId, 0)) {
        content += event.delta;
        if (event.seq >= last.seq) break;
      }
    }
    if (last?.done) {
      const status = last.error === null ? 'COMPLETE' : last.error === CANCELLED_ERROR ? 'CANCELLED' : 'FAILED';
      await memory.finish(messageId, { status, content, error: status === 'FAILED' ? last.error : null });
      return;
    }
    await memory.finish(messageId, { status: stop.status, content, error: stop.status === 'FAILED' ? stop.message : null });
    await log.append([{ messageId, seq: (last?.seq ?? 0) + 1, delta: '', done: true, error: endError(stop.status, stop.message) }]);
  }

  /**
   * Stops taking new generations' time: waits for the running ones up to `deadlineMs`, then stops
   * the rest as FAILED (their messages written, their streams ended) so nothing stays STREAMING.
   */
  async drain(deadlineMs: number): Promise<void> {
    const all = Promise.all([...this.runs]);
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), deadlineMs).unref());
    if ((await Promise.race([all.then(() => 'done' as const), timer])) === 'late') {
      for (const controller of this.active.values()) controller.abort(new Stop('FAILED'));
      await all;
    }
    this.unsubscribeCancel();
  }
}

/** A failure as the user reads it on the message, without internals. */
export function describeFailure(error: unknown): string {
  if (error instanceof APIError) {
    const type = error.type ?? 'error';
    const detail = error.apiMessage ? `: ${error.apiMessage}` : '';
    return error.status
      ? `The language model failed (HTTP ${error.status}, ${type}) after retries${detail}`
      : `The language model stream failed (${type})${detail}`;
  }
  if (error instanceof AnthropicError) return `The language model connection failed: ${error.message}`.slice(0, 500);
  if (error instanceof Error) return `The answer failed: ${error.message}`.slice(0, 500);
  return 'The answer failed';
}
