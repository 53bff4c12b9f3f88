import { registerEnumType } from 'type-graphql';

export enum MessageRole {
  USER = 'USER',
  ASSISTANT = 'ASSISTANT',
  SYSTEM = 'SYSTEM',
  TOOL = 'TOOL',
}

export enum MessageStatus {
  STREAMING = 'STREAMING',
  COMPLETE = 'COMPLETE',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

registerEnumType(MessageRole, {
  name: 'MessageRole',
  description: 'Who wrote a message: a person, the assistant, the system prompt, or a tool result.',
});
registerEnumType(MessageStatus, {
  name: 'MessageStatus',
  description: 'STREAMING while the assistant writes it; then COMPLETE, FAILED or CANCELLED, for good.',
});

export const FINAL_STATUSES: readonly MessageStatus[] = [MessageStatus.COMPLETE, MessageStatus.FAILED, MessageStatus.CANCELLED];
