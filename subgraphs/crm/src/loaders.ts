import type { EntityManager } from '@mikro-orm/postgresql';
import { groupedRecordLoader, recordLoader, type EntityRecord } from '@nusa/subgraph';
import { ClientEntity } from './client/client.entity.js';
import { InteractionEntity } from './interaction/interaction.entity.js';
import { PracticeEntity } from './practice/practice.entity.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';

/** What reads answer with: rows as plain records (relations as `{ id }`), never managed entities; writes return entities, which fit. */
export type ClientRecord = EntityRecord<ClientEntity>;
export type PracticeRecord = EntityRecord<PracticeEntity>;
export type InteractionRecord = EntityRecord<InteractionEntity>;
export type TeamMemberRecord = EntityRecord<TeamMemberEntity>;

/**
 * Every loader a CRM request may use, made fresh per request so nothing is cached across callers.
 * They read records rather than entities: a page of 50 clients with their practices and assignees
 * costs three queries and no identity map, change tracking or entity construction.
 */
export function createLoaders(em: EntityManager) {
  return {
    clientById: recordLoader(em, ClientEntity),
    practiceById: recordLoader(em, PracticeEntity),
    interactionById: recordLoader(em, InteractionEntity),
    memberById: recordLoader(em, TeamMemberEntity),
    practicesByClient: groupedRecordLoader(em, PracticeEntity, 'client_id', '"created_at" desc, "id" desc'),
    interactionsByClient: groupedRecordLoader(em, InteractionEntity, 'client_id', '"occurred_at" desc, "id" desc'),
    interactionsByPractice: groupedRecordLoader(em, InteractionEntity, 'practice_id', '"occurred_at" desc, "id" desc'),
  };
}

export type CrmLoaders = ReturnType<typeof createLoaders>;
