import { postGraphQL, TEST_SECRETS, testRedisUrl, type GraphQLResult } from '@nusa/platform/testing';
import { LOGIN, signIn, startCrm, startGateway, SUPERGRAPH, type CrmHarness, type GatewayHarness } from './platform';

let crm: CrmHarness;
/** With Redis: revocations reach it as markers. */
let gateway: GatewayHarness;
/** Without Redis: it asks the CRM, caching the answer a few seconds. */
let plainGateway: GatewayHarness;
let adminToken: string;

type Send = <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;

function as(bearer: string, through: GatewayHarness = gateway): Send {
  return (query, variables = {}) => postGraphQL(through.url, query, variables, { authorization: `Bearer ${bearer}` });
}

async function invite(email: string): Promise<{ id: string; token: string }> {
  const invited = await as(adminToken)<{ inviteTeamMember: { temporaryPassword: string; member: { id: string } } }>(
    'mutation($email: String!) { inviteTeamMember(email: $email, name: "Ketut Agent", role: AGENT) { temporaryPassword member { id } } }',
    { email },
  );
  if (!invited.data) throw new Error(JSON.stringify(invited.errors));
  const { member, temporaryPassword } = invited.data.inviteTeamMember;
  return { id: member.id, token: await signIn(gateway.url, { email, password: temporaryPassword }) };
}

beforeAll(async () => {
  crm = await startCrm('audit_e2e', { redisUrl: testRedisUrl });
  gateway = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, redisUrl: testRedisUrl, ...TEST_SECRETS });
  plainGateway = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, ...TEST_SECRETS });
  adminToken = await signIn(gateway.url);
});

afterAll(async () => {
  await plainGateway.stop();
  await gateway.stop();
  await crm.stop();
});

describe('a KITAS case through the gateway, with its audit trail', () => {
  it('refuses SUBMITTED while documents are missing, then records who did every step', async () => {
    const agent = await invite('ketut@example.com');
    const send = as(agent.token);
    const created = await send<{ createClient: { id: string } }>(
      'mutation { createClient(input: { fullName: "Sofia Rossi", nationality: "IT" }) { id } }',
    );
    const clientId = created.data?.createClient.id;
    const opened = await send<{ openPractice: { id: string; documents: { name: string }[] } }>(
      'mutation($clientId: ID!) { openPractice(input: { clientId: $clientId, type: KITAS, serviceCode: "KITAS_RETIREMENT" }) { id documents { name } } }',
      { clientId },
    );
    const practiceId = opened.data?.openPractice.id;
    const documents = opened.data?.openPractice.documents.map((line) => line.name) ?? [];
    expect(documents.length).toBeGreaterThan(1);
    const move = (status: string) =>
      send('mutation($id: ID!, $status: PracticeStatus!) { updatePracticeStatus(id: $id, status: $status) { status } }', {
        id: practiceId,
        status,
      });
    await move('DOCUMENTS_PENDING');

    const refused = await move('SUBMITTED');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status', missingDocuments: documents });

    for (const document of documents) {
      const ticked = await send(
        'mutation($id: ID!, $document: String!) { setPracticeDocument(practiceId: $id, document: $document, state: RECEIVED) { id } }',
        { id: practiceId, document },
      );
      expect(ticked.errors).toBeUndefined();
    }
    expect((await move('SUBMITTED')).errors).toBeUndefined();

    const history = await as(adminToken)<{
      practice: {
        history: { action: string; actor: { id: string } | null; changes: { field: string; before: string; after: string }[] }[];
      };
    }>('query($id: ID!) { practice(id: $id) { history { action actor { id } changes { field before after } } } }', { id: practiceId });
    const entries = history.data?.practice.history ?? [];
    expect(entries[0]).toEqual({
      action: 'PRACTICE_STATUS_CHANGED',
      actor: { id: agent.id },
      changes: [{ field: 'status', before: 'DOCUMENTS_PENDING', after: 'SUBMITTED' }],
    });
    expect(entries.filter((entry) => entry.action === 'PRACTICE_DOCUMENT_SET')).toHaveLength(documents.length);
    expect(entries.every((entry) => entry.actor?.id === agent.id)).toBe(true);

    const activity = await as(adminToken)<{ client: { activity: { totalCount: number; edges: { node: { action: string } }[] } } }>(
      'query($id: ID!) { client(id: $id) { activity(first: 3) { totalCount edges { node { action } } } } }',
      { id: clientId },
    );
    expect(activity.data?.client.activity.totalCount).toBe(documents.length + 4);
    expect(activity.data?.client.activity.edges.map((edge) => edge.node.action)).toEqual([
      'PRACTICE_STATUS_CHANGED',
      'PRACTICE_DOCUMENT_SET',
      'PRACTICE_DOCUMENT_SET',
    ]);
  });

  it('names the API key as the actor of what the key writes, and keeps the log from anyone but an administrator', async () => {
    const created = await as(adminToken)<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "Partner CRM sync", scopes: [CRM_READ, CRM_WRITE] }) { key apiKey { id } } }',
    );
    const { key, apiKey } = created.data?.createApiKey ?? { key: '', apiKey: { id: '' } };
    const written = await as(key)<{ createClient: { id: string } }>('mutation { createClient(input: { fullName: "Synced Lead" }) { id } }');
    expect(written.errors).toBeUndefined();

    const log = await as(adminToken)<{
      auditLog: { edges: { node: { action: string; actorKind: string; actorName: string; entityId: string } }[] };
    }>('query($actorId: ID!) { auditLog(actorId: $actorId) { edges { node { action actorKind actorName entityId } } } }', {
      actorId: apiKey.id,
    });
    expect(log.data?.auditLog.edges.map((edge) => edge.node)).toEqual([
      { action: 'CLIENT_CREATED', actorKind: 'API_KEY', actorName: 'Partner CRM sync', entityId: written.data?.createClient.id },
    ]);
    const keyCreation = await as(adminToken)<{ auditLog: { edges: { node: { action: string; actorKind: string } }[] } }>(
      'query($id: ID!) { auditLog(entityType: API_KEY, entityId: $id) { edges { node { action actorKind } } } }',
      { id: apiKey.id },
    );
    expect(keyCreation.data?.auditLog.edges.map((edge) => edge.node)).toEqual([{ action: 'API_KEY_CREATED', actorKind: 'MEMBER' }]);

    expect((await as(key)('{ auditLog { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const agent = await invite('made.agent@example.com');
    expect((await as(agent.token)('{ auditLog { totalCount } }')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('deactivating a team member', () => {
  it('refuses their session from the next request, at a gateway with Redis and at one without', async () => {
    const agent = await invite('deactivated@example.com');
    const query = '{ me { email } }';
    expect((await as(agent.token)(query)).data).toEqual({ me: { email: 'deactivated@example.com' } });
    expect((await as(agent.token, plainGateway)(query)).data).toEqual({ me: { email: 'deactivated@example.com' } });

    const done = await as(adminToken)('mutation($id: ID!) { deactivateTeamMember(id: $id) { active } }', { id: agent.id });
    expect(done.data).toEqual({ deactivateTeamMember: { active: false } });

    // With Redis the gateway itself refuses the revoked session.
    const withRedis = await as(agent.token)(query);
    expect(withRedis.status).toBe(401);
    expect(withRedis.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'revoked' });
    // Without Redis the gateway may still hold "not revoked" for a few seconds; the CRM refuses the member itself.
    const withoutRedis = await as(agent.token, plainGateway)(query);
    expect(withoutRedis.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(withoutRedis.data?.me ?? null).toBeNull();

    const again = await postGraphQL(gateway.url, LOGIN, { email: 'deactivated@example.com', password: 'whatever it was' });
    expect(again.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
