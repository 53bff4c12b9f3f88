import { registerEnumType } from 'type-graphql';

/** What kind of record a change was made to. */
export enum AuditEntityType {
  CLIENT = 'CLIENT',
  PRACTICE = 'PRACTICE',
  INTERACTION = 'INTERACTION',
  API_KEY = 'API_KEY',
  TEAM_MEMBER = 'TEAM_MEMBER',
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
}

registerEnumType(AuditEntityType, { name: 'AuditEntityType', description: 'The kind of record an audit entry is about.' });
registerEnumType(AuditAction, { name: 'AuditAction', description: 'The write an audit entry records.' });
