import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '@nusa/platform';
import { decodeCursor, encodeCursor, pageSize } from '@nusa/subgraph';
import type { ConversationEntity } from '../conversation/conversation.entity.js';
import { MessageEntity } from './message.entity.js';
import { RECENT_WINDOW, type MessageStore } from './message.store.js';
import { toMessageView, type MessageView } from './message.view.js';

const KIND = 'Message';

export interface MessagePageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

function seqOf(conversation: ConversationEntity, cursor: string, field: string): number {
  const [conversationId, seq] = decodeCursor(KIND, cursor, 2, field);
  if (conversationId !== conversation.id || !/^\d+$/.test(seq ?? '')) throw badUserInput(field, 'is a cursor of another conversation');
  return Number(seq);
}

/**
 * A Relay page of a conversation's messages in order, forwards (`first`/`after`) or backwards
 * (`last`/`before`). The latest page of up to 50 is served from the recent-messages cache.
 */
export async function messagePage(em: EntityManager, store: MessageStore, conversation: ConversationEntity, args: MessagePageArgs) {
  if (args.first != null && args.last != null) throw badUserInput('last', 'cannot be combined with first; page one way at a time');
  const backwards = args.last != null || args.before != null;
  const size = backwards ? pageSize(args.last, 20, 'last') : pageSize(args.first, 20, 'first');
  let rows: MessageView[];
  let more: boolean;
  if (backwards) {
    const before = args.before ? seqOf(conversation, args.before, 'before') : undefined;
    if (before === undefined && size <= RECENT_WINDOW) {
      const recent = await store.recent(em, conversation.id);
      rows = recent.slice(-size);
      more = (recent[0]?.seq ?? 1) < (rows[0]?.seq ?? 1) || (rows[0]?.seq ?? 1) > 1;
    } else {
      const found = await em.find(
        MessageEntity,
        { conversation: conversation.id, ...(before ? { seq: { $lt: before } } : {}) },
        { orderBy: { seq: 'desc' }, limit: size + 1 },
      );
      more = found.length > size;
      rows = found.slice(0, size).reverse().map(toMessageView);
    }
  } else {
    const after = args.after ? seqOf(conversation, args.after, 'after') : 0;
    const found = await em.find(
      MessageEntity,
      { conversation: conversation.id, seq: { $gt: after } },
      { orderBy: { seq: 'asc' }, limit: size + 1 },
    );
    more = found.length > size;
    rows = found.slice(0, size).map(toMessageView);
  }
  const edges = rows.map((node) => ({ cursor: encodeCursor(KIND, [conversation.id, String(node.seq)]), node }));
  const firstSeq = rows[0]?.seq ?? 0;
  return {
    edges,
    totalCount: conversation.messageCount,
    pageInfo: {
      hasNextPage: backwards ? Boolean(args.before) : more,
      hasPreviousPage: backwards ? more : firstSeq > 1,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
