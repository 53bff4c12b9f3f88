import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { groupedRecordLoader, recordLoader, type EntityRecord } from '@nusa/subgraph';
import { AuditEntryEntity } from './audit/audit-entry.entity.js';
import { ClientEntity } from './client/client.entity.js';
import { InteractionEntity } from './interaction/interaction.entity.js';
import { PracticeDocumentEntity } from './practice/practice-document.entity.js';
import { PracticeEntity } from './practice/practice.entity.js';
import { ServiceEntity } from './service-catalog/service.entity.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';
import { WebhookAttemptEntity } from './webhook/webhook-attempt.entity.js';
import { WebhookEventEntity } from './webhook/webhook-event.entity.js';

/** What reads answer with: rows as plain records (relations as `{ id }`), never managed entities; writes return entities, which fit. */
export type ClientRecord = EntityRecord<ClientEntity>;
export type PracticeRecord = EntityRecord<PracticeEntity>;
export type InteractionRecord = EntityRecord<InteractionEntity>;
export type TeamMemberRecord = EntityRecord<TeamMemberEntity>;
export type PracticeDocumentRecord = EntityRecord<PracticeDocumentEntity>;

/** Catalog services by code (their key is a code, not an id): the few a page names cost one query. */
function serviceLoader(em: EntityManager): DataLoader<string, ServiceEntity | undefined> {
  return new DataLoader(async (codes) => {
    const rows = await em.find(ServiceEntity, { code: { $in: [...codes] } });
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code));
  });
}

/**
 * Every loader a CRM request may use, made fresh per request so nothing is cached across callers.
 * They read records rather than entities: a page of 50 clients with their practices and assignees
 * costs two queries and no identity map, change tracking or entity construction.
 */
export function createLoaders(em: EntityManager) {
  const memberById = recordLoader(em, TeamMemberEntity);
  return {
    clientById: recordLoader(em, ClientEntity),
    practiceById: recordLoader(em, PracticeEntity),
    interactionById: recordLoader(em, InteractionEntity),
    memberById,
    serviceByCode: serviceLoader(em),
    // With each practice's assignee in the same statement: a list's assignees cost no query of their own.
    practicesByClient: groupedRecordLoader(em, PracticeEntity, 'client_id', '"practice"."created_at" desc, "practice"."id" desc', {
      column: 'assignee_id',
      entity: TeamMemberEntity,
      loader: memberById,
    }),
    interactionsByClient: groupedRecordLoader(em, InteractionEntity, 'client_id', '"occurred_at" desc, "id" desc'),
    interactionsByPractice: groupedRecordLoader(em, InteractionEntity, 'practice_id', '"occurred_at" desc, "id" desc'),
    documentsByPractice: groupedRecordLoader(em, PracticeDocumentEntity, 'practice_id', '"position" asc, "id" asc'),
    auditByPractice: groupedRecordLoader(em, AuditEntryEntity, 'practice_id', '"at" desc, "id" desc'),
    webhookEventById: recordLoader(em, WebhookEventEntity),
    webhookAttemptsByDelivery: groupedRecordLoader(em, WebhookAttemptEntity, 'delivery_id', '"number" asc'),
  };
}

export type CrmLoaders = ReturnType<typeof createLoaders>;
