import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { RecordReader, recordLoader, rowsOf, type EntityRecord } from '@nusa/subgraph';
import { ConversationEntity } from './conversation/conversation.entity.js';
import { MemoryFactEntity } from './fact/fact.entity.js';
import { MessageEntity } from './message/message.entity.js';
import { toMessageView, type MessageView } from './message/message.view.js';

/**
 * A client's newest conversations, up to a page size: one windowed query for every client asked at
 * that size. The same statement counts each client's conversations and primes `counts` with them,
 * so a page that also asks `totalCount` costs no second query.
 */
function newestConversations(em: EntityManager, counts: DataLoader<string, number>) {
  const conversations = RecordReader.of(em, ConversationEntity);
  return new DataLoader<string, ConversationRecord[], string>(async (keys) => {
    const byLimit = new Map<number, Set<string>>();
    for (const key of keys) {
      const [clientId = '', limit = '0'] = key.split('|');
      const clientIds = byLimit.get(Number(limit)) ?? new Set<string>();
      clientIds.add(clientId);
      byLimit.set(Number(limit), clientIds);
    }
    const found = new Map<string, ConversationRecord[]>();
    for (const [limit, clientIds] of byLimit) {
      // Newest first within each client, so each list is built in order.
      const rows = await rowsOf(
        em,
        `select ${conversations.select}, "total" from (select c.*,
             row_number() over (partition by client_id order by created_at desc, id desc) as rank,
             count(*) over (partition by client_id) as total
           from "${conversations.table}" c where client_id = any(?)) "${conversations.table}" where rank <= ? order by client_id, rank`,
        [[...clientIds], limit],
      );
      const totals = new Map<string, number>();
      for (const row of rows) {
        const conversation = conversations.record(row);
        totals.set(row.client_id as string, Number(row.total));
        const key = `${conversation.clientId}|${limit}`;
        const list = found.get(key);
        if (list) list.push(conversation);
        else found.set(key, [conversation]);
      }
      for (const clientId of clientIds) counts.prime(clientId, totals.get(clientId) ?? 0);
    }
    return keys.map((key) => found.get(key) ?? []);
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
    const byClient = new Map<string, MemoryFactRecord[]>();
    for (const fact of rows) {
      const list = byClient.get(fact.clientId);
      if (list) list.push(fact);
      else byClient.set(fact.clientId, [fact]);
    }
    return keys.map((key) => {
      const [clientId = '', history] = key.split('|');
      const facts = byClient.get(clientId) ?? [];
      return history === '1' ? facts : facts.filter((fact) => fact.validTo === null);
    });
  });
}

/** What reads answer with: rows as records, never managed entities (see @nusa/subgraph's records). */
export type ConversationRecord = EntityRecord<ConversationEntity>;
export type MemoryFactRecord = EntityRecord<MemoryFactEntity>;

export function createLoaders(em: EntityManager) {
  const conversationCounts = new DataLoader<string, number>(async (clientIds) => {
    const rows = await rowsOf(em, 'select client_id, count(*) from conversation where client_id = any(?) group by client_id', [
      [...clientIds],
    ]);
    const counts = new Map(rows.map((row) => [row.client_id as string, Number(row.count)]));
    return clientIds.map((id) => counts.get(id) ?? 0);
  });
  return {
    conversationById: recordLoader(em, ConversationEntity),
    factById: recordLoader(em, MemoryFactEntity),
    messageById: new DataLoader<string, MessageView | undefined>(async (ids) => {
      const rows = await em.find(MessageEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((row) => [row.id, toMessageView(row)]));
      return ids.map((id) => byId.get(id));
    }),
    /** Keys are `clientId|limit`. */
    newestConversations: newestConversations(em, conversationCounts),
    conversationCounts,
    factsByClient: factsByClient(em),
  };
}

export type MemoryLoaders = ReturnType<typeof createLoaders>;
