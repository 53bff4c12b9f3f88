import type { EntityManager } from '@mikro-orm/postgresql';
import { entityLoader, groupedLoader } from '@nusa/subgraph';
import { ClientEntity } from './client/client.entity.js';
import { InteractionEntity } from './interaction/interaction.entity.js';
import { PracticeEntity } from './practice/practice.entity.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';

/** Every loader a CRM request may use, made fresh per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    clientById: entityLoader(em, ClientEntity),
    practiceById: entityLoader(em, PracticeEntity),
    interactionById: entityLoader(em, InteractionEntity),
    memberById: entityLoader(em, TeamMemberEntity),
    practicesByClient: groupedLoader(em, PracticeEntity, 'client', (p) => p.client.id, { createdAt: 'desc', id: 'desc' }),
    interactionsByClient: groupedLoader(em, InteractionEntity, 'client', (i) => i.client.id, { occurredAt: 'desc', id: 'desc' }),
    interactionsByPractice: groupedLoader(em, InteractionEntity, 'practice', (i) => i.practice?.id ?? '', {
      occurredAt: 'desc',
      id: 'desc',
    }),
  };
}

export type CrmLoaders = ReturnType<typeof createLoaders>;
