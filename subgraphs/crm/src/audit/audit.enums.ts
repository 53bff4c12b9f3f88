import { registerEnumType } from 'type-graphql';

/** Who made a change: a signed-in team member, a partner's API key, or another platform service. */
export enum AuditActorKind {
  MEMBER = 'MEMBER',
  API_KEY = 'API_KEY',
  SERVICE = 'SERVICE',
}

/** What kind of record a change was made to. */
export enum AuditEntityType {
  CLIENT = 'CLIENT',
  PRACTICE = 'PRACTICE',
  INTERACTION = 'INTERACTION',
  API_KEY = 'API_KEY',
  TEAM_MEMBER = 'TEAM_MEMBER',
  WEBHOOK_ENDPOINT = 'WEBHOOK_ENDPOINT',
}

/** Every write the CRM records. */
export enum AuditAction {
  CLIENT_CREATED = 'CLIENT_CREATED',
  CLIENT_UPDATED = 'CLIENT_UPDATED',
  PRACTICE_OPENED = 'PRACTICE_OPENED',
  PRACTICE_UPDATED = 'PRACTICE_UPDATED',
  PRACTICE_STATUS_CHANGED = 'PRACTICE_STATUS_CHANGED',
  PRACTICE_ASSIGNED = 'PRACTICE_ASSIGNED',
  PRACTICE_DOCUMENT_SET = 'PRACTICE_DOCUMENT_SET',
  INTERACTION_LOGGED = 'INTERACTION_LOGGED',
  API_KEY_CREATED = 'API_KEY_CREATED',
  API_KEY_REVOKED = 'API_KEY_REVOKED',
  TEAM_MEMBER_INVITED = 'TEAM_MEMBER_INVITED',
  TEAM_MEMBER_DEACTIVATED = 'TEAM_MEMBER_DEACTIVATED',
  TEAM_MEMBER_PASSWORD_CHANGED = 'TEAM_MEMBER_PASSWORD_CHANGED',
  WEBHOOK_ENDPOINT_CREATED = 'WEBHOOK_ENDPOINT_CREATED',
  WEBHOOK_ENDPOINT_UPDATED = 'WEBHOOK_ENDPOINT_UPDATED',
  /** The dispatcher disabled an endpoint whose deliveries kept failing (actor: the crm service). */
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
  WEBHOOK_ENDPOINT_DELETED = 'WEBHOOK_ENDPOINT_DELETED',
  WEBHOOK_DELIVERY_RESENT = 'WEBHOOK_DELIVERY_RESENT',
}

registerEnumType(AuditActorKind, {
  name: 'AuditActorKind',
  description: 'Who made a change: MEMBER a signed-in team member, API_KEY a partner integration, SERVICE another platform service.',
});
registerEnumType(AuditEntityType, { name: 'AuditEntityType', description: 'The kind of record an audit entry is about.' });
registerEnumType(AuditAction, { name: 'AuditAction', description: 'The write an audit entry records.' });
