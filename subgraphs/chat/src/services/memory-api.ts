import type { Caller } from '@nusa/platform';
import { CHAT_SERVICE, postJson } from './service-call.js';

export type MessageStatus = 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
export type MessageRole = 'USER' | 'ASSISTANT' | 'SYSTEM' | 'TOOL';

/** A citation as the memory service stores it on a message. */
export interface CitationRecord {
  documentId: string;
  title: string;
  source: string | null;
  collection: string;
  chunkIndex: number;
  headingPath: string[];
}

/** A message as the memory service returns it. */
export interface StoredMessage {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  createdAt: string;
}

export interface MemoryFactView {
  id: string;
  kind: string;
  content: string;
}

/** What a generation knows of its conversation before it starts. */
export interface TurnContext {
  conversation: { id: string; clientId: string | null; title: string };
  recent: StoredMessage[];
  facts: MemoryFactView[];
}

/** How a generation ended, written to the assistant message once. */
export interface FinalMessage {
  status: Exclude<MessageStatus, 'STREAMING'>;
  content: string;
  model?: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  latencyMs?: number | null;
  offline?: boolean;
  citations?: CitationRecord[];
  error?: string | null;
}

/** The memory subgraph's internal API: where chat keeps every message. */
export class MemoryApi {
  private readonly origin: string;

  constructor(
    memoryGraphqlUrl: string,
    private readonly internalSecret: string,
  ) {
    this.origin = new URL(memoryGraphqlUrl).origin;
  }

  private call<T>(path: string, body: unknown, timeoutMs?: number): Promise<T> {
    return postJson<T>({
      service: 'memory',
      url: `${this.origin}${path}`,
      body,
      as: CHAT_SERVICE,
      internalSecret: this.internalSecret,
      timeoutMs,
    });
  }

  /** Stores the user's message and opens the assistant's (STREAMING), in one transaction; idempotent by key. */
  openTurn(turn: { conversationId: string; content: string; authorId: string | null; idempotencyKey?: string; onBehalfOf: Caller }) {
    return this.call<{ userMessage: StoredMessage; assistantMessage: StoredMessage }>('/internal/turns', turn);
  }

  /** A message the caller may see, or NOT_FOUND. */
  async message(messageId: string, onBehalfOf?: Caller): Promise<StoredMessage> {
    return (await this.call<{ message: StoredMessage }>('/internal/messages/get', { messageId, onBehalfOf })).message;
  }

  async append(message: { conversationId: string; role: MessageRole; content: string; idempotencyKey?: string }): Promise<StoredMessage> {
    return (await this.call<{ message: StoredMessage }>('/internal/messages', message)).message;
  }

  /** Finishes a STREAMING message once; finishing a final one returns it unchanged. */
  async finish(messageId: string, final: FinalMessage): Promise<StoredMessage> {
    return (await this.call<{ message: StoredMessage }>('/internal/messages/finish', { messageId, ...final })).message;
  }

  context(conversationId: string, query: string): Promise<TurnContext> {
    return this.call<TurnContext>('/internal/context', { conversationId, query, factLimit: 8 });
  }

  /** Assistant messages still STREAMING after `olderThanMs`: generations that may have lost their generator. */
  async streaming(olderThanMs: number): Promise<StoredMessage[]> {
    return (await this.call<{ messages: StoredMessage[] }>('/internal/messages/streaming', { olderThanMs })).messages;
  }
}
