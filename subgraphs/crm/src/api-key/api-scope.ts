import { registerEnumType } from 'type-graphql';
import { Scope } from '@nusa/platform';

/**
 * The GraphQL names of the scopes; each value is the scope as the signed identity carries it:
 * CRM_READ is `crm:read`, CRM_WRITE `crm:write`, KNOWLEDGE_READ `knowledge:read`,
 * KNOWLEDGE_WRITE `knowledge:write`, CHAT `chat`, REGISTERED_OPERATIONS_ONLY `operations:registered-only`
 * (a restriction the gateway enforces).
 */
export const ApiScope = {
  CRM_READ: Scope.CrmRead,
  CRM_WRITE: Scope.CrmWrite,
  KNOWLEDGE_READ: Scope.KnowledgeRead,
  KNOWLEDGE_WRITE: Scope.KnowledgeWrite,
  CHAT: Scope.Chat,
  REGISTERED_OPERATIONS_ONLY: Scope.RegisteredOperationsOnly,
} as const;
export type ApiScope = (typeof ApiScope)[keyof typeof ApiScope];

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description: 'What an API key may do; each subgraph checks the scopes of the fields it owns.',
  valuesConfig: {
    CRM_READ: { description: 'crm:read: read clients, practices, interactions, the team and the service catalog.' },
    CRM_WRITE: { description: 'crm:write: create and update clients, open and move practices, log interactions.' },
    KNOWLEDGE_READ: { description: 'knowledge:read: list collections, read documents, search the knowledge base.' },
    KNOWLEDGE_WRITE: { description: 'knowledge:write: ingest and delete knowledge documents.' },
    CHAT: {
      description:
        'chat: start and read conversations about clients, remember facts, send messages and follow answers (as an agent would; answers use only what the key may read).',
    },
    REGISTERED_OPERATIONS_ONLY: {
      description:
        'operations:registered-only: a restriction the partner asks for: the gateway runs only operations of its published manifest (schema/operations.json) for this key, so a leaked key cannot run arbitrary queries.',
    },
  },
});
