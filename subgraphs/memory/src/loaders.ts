import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { RecordReader, recordLoader, type EntityRecord } from '@nusa/subgraph';
import { ConversationEntity } from './conversation/conversation.entity.js';
import { MemoryFactEntity } from './fact/fact.entity.js';
import { MessageEntity } from './message/message.entity.js';
import { toMessageView, type MessageView } from './message/message.view.js';

/** A client's newest conversations, up to a page size: one windowed query for every client asked. */
function newestConversations(em: EntityManager) {
  const conversations = RecordReader.of(em, ConversationEntity);
  return new DataLoader<string, ConversationRecord[], string>(async (keys) => {
    const byLimit = new Map<number, string[]>();
    for (const key of keys) {
      const [clientId = '', limit = '0'] = key.split('|');
      byLimit.set(Number(limit), [...(byLimit.get(Number(limit)) ?? []), clientId]);
    }
    const found = new Map<string, ConversationRecord[]>();
    for (const [limit, clientIds] of byLimit) {
      const rows = await em.getConnection().execute<Record<string, unknown>[]>(
        `select * from (select c.*, row_number() over (partition by client_id order by created_at desc, id desc) as rank
             from conversation c where client_id in (?)) ranked where rank <= ?`,
        [clientIds, limit],
      );
      for (const row of rows) {
        const conversation = conversations.record(row);
        const key = `${conversation.clientId}|${limit}`;
        found.set(key, [...(found.get(key) ?? []), conversation]);
      }
    }
    return keys.map((key) =>
      (found.get(key) ?? []).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id)),
    );
  });
}

/** A client's facts, newest first, as records; keys are `clientId|history`, history `1` to include superseded facts. */
function factsByClient(em: EntityManager) {
  const facts = RecordReader.of(em, MemoryFactEntity);
  return new DataLoader<string, MemoryFactRecord[]>(async (keys) => {
    const clientIds = [...new Set(keys.map((key) => key.split('|')[0] ?? ''))];
    const rows = await facts.read(
      em,
      `select ${facts.select} from "${facts.table}" where "client_id" = any(?) order by "valid_from" desc, "id" desc`,
      [clientIds],
    );
    return keys.map((key) => {
      const [clientId, history] = key.split('|');
      return rows.filter((fact) => fact.clientId === clientId && (history === '1' || fact.validTo === null));
    });
  });
}

/** What reads answer with: rows as records, never managed entities (see @nusa/subgraph's records). */
export type ConversationRecord = EntityRecord<ConversationEntity>;
export type MemoryFactRecord = EntityRecord<MemoryFactEntity>;

export function createLoaders(em: EntityManager) {
  return {
    conversationById: recordLoader(em, ConversationEntity),
    factById: recordLoader(em, MemoryFactEntity),
    messageById: new DataLoader<string, MessageView | undefined>(async (ids) => {
      const rows = await em.find(MessageEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, toMessageView(row)]));
      return ids.map((id) => byId.get(id));
    }),
    /** Keys are `clientId|limit`. */
    newestConversations: newestConversations(em),
    conversationCounts: new DataLoader<string, number>(async (clientIds) => {
      const rows = await em
        .getConnection()
        .execute<{ client_id: string; count: string }[]>(
          'select client_id, count(*) from conversation where client_id in (?) group by client_id',
          [[...clientIds]],
        );
      const counts = new Map(rows.map((row) => [row.client_id, Number(row.count)]));
      return clientIds.map((id) => counts.get(id) ?? 0);
    }),
    factsByClient: factsByClient(em),
  };
}

export type MemoryLoaders = ReturnType<typeof createLoaders>;
