import type { GraphQLResolveInfo } from 'graphql';
import { Scope, type Caller, type Role, type ServiceContext } from '@nusa/platform';
import { authCheckerFor, roleAuthChecker } from './auth-checker';

const key = (...scopes: string[]): Caller => ({ kind: 'apiKey', id: 'k1', role: 'PARTNER', name: 'Partner', scopes });
const agent: Caller = { kind: 'member', id: 'm1', role: 'AGENT', name: 'Made', email: 'made@example.com' };
const checker = authCheckerFor({ read: Scope.KnowledgeRead, write: Scope.KnowledgeWrite, adminFieldsOpenToKeys: ['ingestDocument'] });

/** Runs `check` for `caller` on `parent.field` with the roles `@Authorized(roles)` would give. */
function run(check: typeof checker, caller: Caller, parent: string, field: string, roles: Role[] = []): unknown {
  const context: ServiceContext = { caller, requestId: 'r1' };
  const info = { parentType: { name: parent }, fieldName: field } as unknown as GraphQLResolveInfo;
  try {
    return check({ context, info, root: {}, args: {} }, roles);
  } catch (error) {
    return (error as { extensions: { code: string; scope?: string } }).extensions;
  }
}

describe('the auth checker with API key scopes', () => {
  it('lets a key read with the read scope and refuses it without, naming the scope', () => {
    expect(run(checker, key('knowledge:read'), 'Query', 'searchKnowledge')).toBe(true);
    expect(run(checker, key('chat'), 'Query', 'searchKnowledge')).toEqual({ code: 'FORBIDDEN', scope: 'knowledge:read' });
  });

  it('asks for the write scope on mutations, in place of the agent role', () => {
    expect(run(checker, key('knowledge:read'), 'Mutation', 'renameThing', ['ADMIN', 'AGENT'])).toEqual({
      code: 'FORBIDDEN',
      scope: 'knowledge:write',
    });
    expect(run(checker, key('knowledge:write'), 'Mutation', 'renameThing', ['ADMIN', 'AGENT'])).toBe(true);
  });

  it('keeps administrator-only fields closed to keys unless they are listed', () => {
    expect(run(checker, key('knowledge:write'), 'Mutation', 'createApiKey', ['ADMIN'])).toEqual({ code: 'FORBIDDEN' });
    expect(run(checker, key('knowledge:write'), 'Mutation', 'ingestDocument', ['ADMIN'])).toBe(true);
  });

  it('changes nothing for members', () => {
    expect(run(checker, agent, 'Mutation', 'ingestDocument', ['ADMIN'])).toEqual({ code: 'FORBIDDEN' });
    expect(run(checker, agent, 'Query', 'searchKnowledge')).toBe(true);
  });

  it('refuses anonymous callers with UNAUTHENTICATED', () => {
    expect(run(checker, { kind: 'anonymous' }, 'Query', 'searchKnowledge')).toEqual({ code: 'UNAUTHENTICATED' });
  });

  it('closes a subgraph to keys when it names no scopes', () => {
    expect(run(roleAuthChecker, key('knowledge:read', 'crm:read', 'chat'), 'Query', 'anything')).toEqual({ code: 'FORBIDDEN' });
  });
});
