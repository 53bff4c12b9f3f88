import { ServiceClient, type Caller, type CallOptions } from '@nusa/platform';
import type { CitationRecord } from '@nusa/subgraph';

export type { CitationRecord };

/** Chat's own service identity, for its calls to memory's internal API. */
export const CHAT_SERVICE: Caller = Object.freeze({ kind: 'service', name: 'chat' });

export type MessageStatus = 'STREAMING' | 'COMPLETE' | 'FAILED' | 'CANCELLED';
export type MessageRole = 'USER' | 'ASSISTANT' | 'SYSTEM' | 'TOOL';

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
  private readonly memory: ServiceClient;

  constructor(memoryGraphqlUrl: string, internalSecret: string) {
    this.memory = new ServiceClient({ service: 'memory', url: memoryGraphqlUrl, internalSecret, timeoutMs: 10_000 });
  }

  /** Calls an internal route as chat; `retries` only where the route is safe to repeat. */
  private call<T>(path: string, body: unknown, options: Omit<CallOptions, 'as'> = {}): Promise<T> {
    return this.memory.post<T>(path, body, { as: CHAT_SERVICE, ...options });
  }

  /**
   * Stores the user's message and opens the assistant's (STREAMING), in one transaction; idempotent
   * by key (the conversation's `idempotencyKey`, or the asker's Idempotency-Key as `requestKey`).
   */
  openTurn(turn: {
    conversationId: string;
    content: string;
    authorId: string | null;
    idempotencyKey?: string;
    requestKey?: string;
    onBehalfOf: Caller;
  }) {
    return this.call<{ userMessage: StoredMessage; assistantMessage: StoredMessage }>('/internal/turns', turn, {
      retries: turn.idempotencyKey || turn.requestKey ? 1 : 0,
    });
  }

  /** A message the caller may see, or NOT_FOUND. */
  async message(messageId: string, onBehalfOf?: Caller): Promise<StoredMessage> {
    return (await this.call<{ message: StoredMessage }>('/internal/messages/get', { messageId, onBehalfOf }, { retries: 1 })).message;
  }

  async append(message: { conversationId: string; role: MessageRole; content: string; idempotencyKey?: string }): Promise<StoredMessage> {
    return (await this.call<{ message: StoredMessage }>('/internal/messages', message, { retries: message.idempotencyKey ? 1 : 0 }))
      .message;
  }

  /** Finishes a STREAMING message once; finishing a final one returns it unchanged. */
  async finish(messageId: string, final: FinalMessage): Promise<StoredMessage> {
    return (await this.call<{ message: StoredMessage }>('/internal/messages/finish', { messageId, ...final }, { retries: 2 })).message;
  }

  context(conversationId: string, query: string): Promise<TurnContext> {
    return this.call<TurnContext>('/internal/context', { conversationId, query, factLimit: 8 }, { retries: 1 });
  }

  /** Assistant messages still STREAMING after `olderThanMs`: generations that may have lost their generator. */
  async streaming(olderThanMs: number): Promise<StoredMessage[]> {
    return (await this.call<{ messages: StoredMessage[] }>('/internal/messages/streaming', { olderThanMs }, { retries: 1 })).messages;
  }
}
