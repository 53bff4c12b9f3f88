import type {
  ApiKeyStatus,
  AuditAction,
  AuditEntityType,
  ApiScope,
  ClientStatus,
  DocumentState,
  FactKind,
  InteractionChannel,
  KnowledgeAuditAction,
  MemoryAuditAction,
  PracticeStatus,
  PracticeType,
  Role,
  SearchMode,
} from '../gql/graphql';

// Records over the generated unions: a value added to the schema fails the typecheck until it has a label.
export const clientStatusLabels: Record<ClientStatus, string> = { LEAD: 'Lead', ACTIVE: 'Active', INACTIVE: 'Inactive' };

export const practiceTypeLabels: Record<PracticeType, string> = {
  KITAS: 'KITAS',
  KITAP: 'KITAP',
  VISA: 'Visa',
  PT_PMA: 'PT PMA',
  TAX: 'Tax',
  PROPERTY: 'Property',
  LEGAL: 'Legal',
};

export const practiceStatusLabels: Record<PracticeStatus, string> = {
  INQUIRY: 'Inquiry',
  DOCUMENTS_PENDING: 'Documents pending',
  SUBMITTED: 'Submitted',
  IN_PROGRESS: 'In progress',
  APPROVED: 'Approved',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
  CANCELLED: 'Cancelled',
};

export const factKindLabels: Record<FactKind, string> = {
  NATIONALITY: 'Nationality',
  VISA: 'Visa',
  COMPANY: 'Company',
  BUDGET: 'Budget',
  FAMILY: 'Family',
  DATE: 'Date',
  PREFERENCE: 'Preference',
  OTHER: 'Other',
};

export const searchModeLabels: Record<SearchMode, string> = { HYBRID: 'Hybrid', VECTOR: 'Vector', KEYWORD: 'Keyword' };

/** The keys of a label record, typed. */
export function keysOf<K extends string>(labels: Record<K, string>): K[] {
  return Object.keys(labels) as K[];
}

/** Whether `value` is one of the record's keys (for values read from the URL). */
export function isKeyOf<K extends string>(labels: Record<K, string>, value: string | null): value is K {
  return value !== null && Object.hasOwn(labels, value);
}

export const interactionChannelLabels: Record<InteractionChannel, string> = {
  WHATSAPP: 'WhatsApp',
  EMAIL: 'Email',
  PHONE: 'Phone call',
  MEETING: 'Meeting',
  NOTE: 'Internal note',
};

export const apiScopeLabels: Record<ApiScope, string> = {
  CRM_READ: 'crm:read — read clients, practices, the team and the catalog',
  CRM_WRITE: 'crm:write — create and change clients and practices',
  KNOWLEDGE_READ: 'knowledge:read — read and search the knowledge base',
  KNOWLEDGE_WRITE: 'knowledge:write — add and delete knowledge documents',
  CHAT: 'chat — conversations, memory and answers',
  REGISTERED_OPERATIONS_ONLY: 'registered operations only — run only the published operations',
};

export const apiKeyStatusLabels: Record<ApiKeyStatus, string> = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' };

export const roleLabels: Record<Role, string> = { ADMIN: 'Administrator', AGENT: 'Agent', PARTNER: 'Partner (API key)' };

export const documentStateLabels: Record<DocumentState, string> = { RECEIVED: 'Received', MISSING: 'Missing', NOT_NEEDED: 'Not needed' };

export const auditActionLabels: Record<AuditAction, string> = {
  CLIENT_CREATED: 'Client created',
  CLIENT_UPDATED: 'Client edited',
  PRACTICE_OPENED: 'Practice opened',
  PRACTICE_UPDATED: 'Practice edited',
  PRACTICE_STATUS_CHANGED: 'Status changed',
  PRACTICE_ASSIGNED: 'Assigned',
  PRACTICE_DOCUMENT_SET: 'Document ticked',
  INTERACTION_LOGGED: 'Interaction logged',
  API_KEY_CREATED: 'API key created',
  API_KEY_REVOKED: 'API key revoked',
  TEAM_MEMBER_INVITED: 'Member invited',
  TEAM_MEMBER_DEACTIVATED: 'Member deactivated',
  TEAM_MEMBER_PASSWORD_CHANGED: 'Password changed',
  WEBHOOK_ENDPOINT_CREATED: 'Webhook endpoint created',
  WEBHOOK_ENDPOINT_UPDATED: 'Webhook endpoint changed',
  WEBHOOK_ENDPOINT_DISABLED: 'Webhook endpoint disabled after failures',
  WEBHOOK_ENDPOINT_DELETED: 'Webhook endpoint deleted',
  WEBHOOK_DELIVERY_RESENT: 'Webhook delivery resent',
};

export const memoryAuditActionLabels: Record<MemoryAuditAction, string> = {
  FACT_REMEMBERED: 'Fact remembered',
  FACT_RESTATED: 'Fact restated',
  FACT_SUPERSEDED: 'Fact superseded',
  FACT_FORGOTTEN: 'Fact forgotten',
  CLIENT_MEMORY_ERASED: 'Memory erased',
};

export const knowledgeAuditActionLabels: Record<KnowledgeAuditAction, string> = {
  DOCUMENT_INGESTED: 'Document ingested',
  DOCUMENT_REPLACED: 'Document replaced',
  DOCUMENT_DELETED: 'Document deleted',
};

/** Every audit action of every subgraph's log, by value (they do not overlap). */
export const anyAuditActionLabels: Record<string, string> = {
  ...auditActionLabels,
  ...memoryAuditActionLabels,
  ...knowledgeAuditActionLabels,
};

export const auditEntityTypeLabels: Record<AuditEntityType, string> = {
  CLIENT: 'Client',
  PRACTICE: 'Practice',
  INTERACTION: 'Interaction',
  API_KEY: 'API key',
  TEAM_MEMBER: 'Team member',
  WEBHOOK_ENDPOINT: 'Webhook endpoint',
};
