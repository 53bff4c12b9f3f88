import type { MikroORM } from '@mikro-orm/postgresql';
import { type Logger } from '@nusa/platform';
import { openDatabase as open, type DatabaseSpec } from '@nusa/subgraph';
import { ApiKeyEntity } from './api-key/api-key.entity.js';
import { AuditEntryEntity } from './audit/audit-entry.entity.js';
import { ClientEntity } from './client/client.entity.js';
import { InteractionEntity } from './interaction/interaction.entity.js';
import { migrations } from './migrations/index.js';
import { PracticeDocumentEntity } from './practice/practice-document.entity.js';
import { PracticeEntity } from './practice/practice.entity.js';
import { ServiceEntity } from './service-catalog/service.entity.js';
import { MemberSessionEntity } from './session/member-session.entity.js';
import { RevokedSessionEntity } from './session/revoked-session.entity.js';
import { TeamMemberEntity } from './team-member/team-member.entity.js';
import { WebhookAttemptEntity } from './webhook/webhook-attempt.entity.js';
import { WebhookDeliveryEntity } from './webhook/webhook-delivery.entity.js';
import { WebhookEndpointEntity } from './webhook/webhook-endpoint.entity.js';
import { WebhookEventEntity } from './webhook/webhook-event.entity.js';

export const crmDatabase: DatabaseSpec = {
  entities: [
    TeamMemberEntity,
    ClientEntity,
    PracticeEntity,
    PracticeDocumentEntity,
    InteractionEntity,
    ServiceEntity,
    ApiKeyEntity,
    RevokedSessionEntity,
    MemberSessionEntity,
    AuditEntryEntity,
    WebhookEndpointEntity,
    WebhookEventEntity,
    WebhookDeliveryEntity,
    WebhookAttemptEntity,
  ],
  migrations,
  migrationsTable: 'crm_migrations',
  idempotentRequestsTable: 'crm_idempotent_request',
};

/** The CRM database at `url`, migrated. */
export function openDatabase(url: string, logger: Logger): Promise<MikroORM> {
  return open(crmDatabase, url, logger);
}
