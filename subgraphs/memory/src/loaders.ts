import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { entityLoader } from '@nusa/subgraph';
import { ConversationEntity } from './conversation/conversation.entity.js';
import { MemoryFactEntity } from './fact/fact.entity.js';
import { MessageEntity } from './message/message.entity.js';
import { toMessageView, type MessageView } from './message/message.view.js';

/** A client's newest conversations, up to a page size: one windowed query for every client asked. */
function newestConversations(em: EntityManager) {
  return new DataLoader<string, ConversationEntity[], string>(async (keys) => {
    const byLimit = new Map<number, string[]>();
    for (const key of keys) {
      const [clientId = '', limit = '0'] = key.split('|');
      byLimit.set(Number(limit), [...(byLimit.get(Number(limit)) ?? []), clientId]);
    }
    const found = new Map<string, ConversationEntity[]>();
    for (const [limit, clientIds] of byLimit) {
      const rows = await em.getConnection().execute<Record<string, unknown>[]>(
        `select * from (select c.*, row_number() over (partition by client_id order by created_at desc, id desc) as rank
             from conversation c where client_id in (?)) ranked where rank <= ?`,
        [clientIds, limit],
      );
      for (const row of rows) {
        const conversation = em.map(ConversationEntity, row);
        const key = `${conversation.clientId}|${limit}`;
        found.set(key, [...(found.get(key) ?? []), conversation]);
      }
    }
    return keys.map((key) =>
      (found.get(key) ?? []).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id)),
    );
  });
}

export function createLoaders(em: EntityManager) {
  return {
    conversationById: entityLoader(em, ConversationEntity),
    factById: entityLoader(em, MemoryFactEntity),
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
    /** Keys are `clientId|history`, history being `1` to include superseded facts. */
    factsByClient: new DataLoader<string, MemoryFactEntity[]>(async (keys) => {
      const clientIds = [...new Set(keys.map((key) => key.split('|')[0] ?? ''))];
      const rows = await em.find(MemoryFactEntity, { clientId: { $in: clientIds } }, { orderBy: { validFrom: 'desc', id: 'desc' } });
      return keys.map((key) => {
        const [clientId, history] = key.split('|');
        return rows.filter((fact) => fact.clientId === clientId && (history === '1' || fact.validTo === null));
      });
    }),
  };
}

export type MemoryLoaders = ReturnType<typeof createLoaders>;
