import type { EntityManager } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import type { ConversationEntity } from '../conversation/conversation.entity.js';
import { MessageEntity } from '../message/message.entity.js';
import { MessageStatus } from '../message/message.enums.js';
import { toMessageView, type MessageView } from '../message/message.view.js';

export enum ExportFormat {
  JSON = 'JSON',
  MARKDOWN = 'MARKDOWN',
}

registerEnumType(ExportFormat, { name: 'ExportFormat', description: 'JSON: complete and machine-readable. MARKDOWN: for people.' });

const ROLE_HEADINGS: Record<string, string> = { USER: 'Team member', ASSISTANT: 'Assistant', SYSTEM: 'System', TOOL: 'Tool' };

function markdown(conversation: ConversationEntity, messages: MessageView[]): string {
  const lines = [
    `# ${conversation.title}`,
    '',
    `- Conversation: ${conversation.id}`,
    ...(conversation.clientId ? [`- Client: ${conversation.clientId}`] : []),
    `- Started: ${conversation.createdAt.toISOString()}`,
    `- Messages: ${messages.length}`,
    '',
  ];
  for (const message of messages) {
    const flags = [
      message.status !== MessageStatus.COMPLETE ? message.status.toLowerCase() : '',
      message.offline ? 'offline answer' : '',
      message.model ?? '',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `## ${message.seq}. ${ROLE_HEADINGS[message.role] ?? message.role} — ${message.createdAt.toISOString()}${flags ? ` (${flags})` : ''}`,
      '',
    );
    lines.push(message.content || '_(no content)_', '');
    if (message.error) lines.push(`> Failed: ${message.error}`, '');
    if (message.citations.length > 0) {
      lines.push('Sources:', '');
      message.citations.forEach((citation, index) => {
        const where = citation.source ? ` — ${citation.source}` : '';
        lines.push(`${index + 1}. ${citation.title} (${citation.collection}, passage ${citation.chunkIndex})${where}`);
      });
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The whole conversation, every message in order, as JSON or Markdown. */
export async function exportConversation(em: EntityManager, conversation: ConversationEntity, format: ExportFormat): Promise<string> {
  const messages = (await em.find(MessageEntity, { conversation: conversation.id }, { orderBy: { seq: 'asc' } })).map(toMessageView);
  if (format === ExportFormat.MARKDOWN) return markdown(conversation, messages);
  const { id, clientId, title, createdById, messageCount, lastMessageAt, createdAt, updatedAt } = conversation;
  return JSON.stringify(
    {
      version: 1,
      exportedAt: new Date().toISOString(),
      conversation: { id, clientId, title, createdById, messageCount, lastMessageAt, createdAt, updatedAt },
      messages,
    },
    null,
    2,
  );
}
