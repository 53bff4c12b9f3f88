import type { CitationRecord } from '@nusa/subgraph';
import type { MessageEntity } from './message.entity.js';
import type { MessageRole, MessageStatus } from './message.enums.js';

/** A message as served and cached: plain data, the same whether it came from PostgreSQL or the cache. */
export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  authorId: string | null;
  model: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  latencyMs: number | null;
  offline: boolean;
  citations: CitationRecord[];
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
}

export function toMessageView(message: MessageEntity): MessageView {
  return {
    id: message.id,
    conversationId: message.conversation.id,
    seq: message.seq,
    role: message.role,
    content: message.content,
    status: message.status,
    authorId: message.authorId,
    model: message.model,
    inputTokens: message.inputTokens,
    outputTokens: message.outputTokens,
    latencyMs: message.latencyMs,
    offline: message.offline,
    citations: (message.citations ?? []).map((citation) => ({ ...citation, headingPath: citation.headingPath ?? [] })),
    error: message.error,
    createdAt: message.createdAt,
    updatedAt: message.updatedAt,
    completedAt: message.completedAt,
  };
}

/** Parses views cached as JSON, restoring their dates. */
export function parseMessageViews(json: string): MessageView[] {
  return (
    JSON.parse(json) as (Omit<MessageView, 'createdAt' | 'updatedAt' | 'completedAt'> &
      Record<'createdAt' | 'updatedAt' | 'completedAt', string | null>)[]
  ).map((view) => ({
    ...view,
    createdAt: new Date(view.createdAt ?? 0),
    updatedAt: new Date(view.updatedAt ?? 0),
    completedAt: view.completedAt ? new Date(view.completedAt) : null,
  }));
}
