import { eventually, postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDENTITY_HEADER, signIdentity } from '@nusa/platform';
import { startCrm, type CrmHarness } from '../subgraphs/crm/src/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { signIn } from './platform';

const SUPERGRAPH = join(__dirname, '..', 'schema', 'supergraph.graphql');

let crm: CrmHarness;
let gateway: GatewayHarness;
let workDir: string;
let supergraphPath: string;
let token: string;

function asAdmin<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL<TData>(gateway.url, query, variables, { authorization: `Bearer ${token}` });
}

beforeAll(async () => {
  crm = await startCrm('gateway_e2e', { demoData: true });
  workDir = mkdtempSync(join(tmpdir(), 'nusa-gateway-'));
  supergraphPath = join(workDir, 'supergraph.graphql');
  copyFileSync(SUPERGRAPH, supergraphPath);
  gateway = await startGateway({ supergraphPath, subgraphUrls: { crm: crm.url }, ...TEST_SECRETS });
  token = await signIn(gateway.url);
});

afterAll(async () => {
  await gateway.stop();
  await crm.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the gateway in front of the CRM', () => {
  it('signs in and serves clients with their practices and assignees', async () => {
    expect(token).not.toBe('');
    const result = await asAdmin<{
      clients: { edges: { node: { fullName: string; practices: { type: string; assignee: { name: string } | null }[] } }[] };
    }>('{ clients(first: 50) { edges { node { fullName practices { type status assignee { name } } } } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data?.clients.edges).toHaveLength(50);
    expect(result.data?.clients.edges.some(({ node }) => node.practices.some((p) => p.assignee !== null))).toBe(true);
  });

  it('creates a client, opens a practice and refuses a forbidden status change with BAD_USER_INPUT', async () => {
    const created = await asAdmin<{ createClient: { id: string } }>(
      'mutation { createClient(input: { fullName: "Emma Larsen", nationality: "DK" }) { id } }',
    );
    const clientId = created.data?.createClient.id;
    const opened = await asAdmin<{ openPractice: { id: string; status: string } }>(
      'mutation($clientId: ID!) { openPractice(input: { clientId: $clientId, type: PT_PMA }) { id status } }',
      { clientId },
    );
    expect(opened.data?.openPractice.status).toBe('INQUIRY');
    const moved = await asAdmin('mutation($id: ID!) { updatePracticeStatus(id: $id, status: COMPLETED) { status } }', {
      id: opened.data?.openPractice.id,
    });
    expect(moved.status).toBe(200);
    expect(moved.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(moved.errors?.[0]?.message).toContain('from INQUIRY to COMPLETED');
  });

  it('pages through every client', async () => {
    let after: string | null = null;
    const seen = new Set<string>();
    let total = 0;
    do {
      const page: Awaited<
        ReturnType<
          typeof asAdmin<{
            clients: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] };
          }>
        >
      > = await asAdmin(
        'query($after: String) { clients(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }',
        { after },
      );
      const connection = page.data?.clients;
      if (!connection) throw new Error(JSON.stringify(page.errors));
      total = connection.totalCount;
      for (const edge of connection.edges) seen.add(edge.node.id);
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(total);
  });

  it("refuses an unknown enum literal with GraphQL's GRAPHQL_VALIDATION_FAILED, and the same value in a variable with BAD_USER_INPUT", async () => {
    const literal = await asAdmin('{ clients(filter: { practiceType: SPACESHIP }) { totalCount } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors?.[0]?.message).toContain('SPACESHIP');
    const variable = await asAdmin('query($f: ClientFilter) { clients(filter: $f) { totalCount } }', { f: { practiceType: 'SPACESHIP' } });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses an operationName the document does not have with OPERATION_RESOLUTION_FAILURE, whatever the operation type', async () => {
    for (const query of ['query Catalog { serviceCatalog { code } }', 'subscription { messageStream(messageId: "x") { seq } }']) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, operationName: 'Clients' }),
      });
      const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string; field?: string } }[] };
      // Apollo Server's own code for this case; the message names the argument at fault.
      expect({ query, status: response.status, error: body.errors?.[0] }).toEqual({
        query,
        status: 400,
        error: {
          message: 'operationName: the document has no operation named "Clients"',
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE', field: 'operationName' },
        },
      });
    }
  });

  it('answers UNAUTHENTICATED to a request without a token', async () => {
    const result = await postGraphQL(gateway.url, '{ clients { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
  });

  it('answers 401 UNAUTHENTICATED to a token signed with another secret', async () => {
    const [head, body] = token.split('.');
    const result = await postGraphQL(gateway.url, '{ clients { totalCount } }', {}, { authorization: `Bearer ${head}.${body}.AAAA` });
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives nothing to a forged identity header sent straight to the subgraph', async () => {
    const forged = signIdentity(crm.admin, 'an-attacker-guess-an-attacker-guess-xx', 'crm');
    const result = await postGraphQL(crm.url, '{ clients { totalCount } }', {}, { [IDENTITY_HEADER]: forged });
    expect(result.status).toBe(401);
    expect(result.data).toBeUndefined();
  });

  it('returns the request id it was given, or one it made', async () => {
    const given = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-123' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const made = await fetch(`${gateway.origin}/health`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports health and readiness with each subgraph named', async () => {
    expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
    // Only the CRM runs in this suite, so the memory subgraph the supergraph names is reported down.
    const ready = await fetch(`${gateway.origin}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', dependencies: { crm: { state: 'up' }, memory: { state: 'down' } } });
  });

  it('reloads the supergraph when its file changes', async () => {
    const original = readFileSync(supergraphPath, 'utf8');
    const withoutTeam = original.replace(/^\s*"""The active team, by name\."""\n\s*teamMembers: \[TeamMember!\]!.*\n/m, '\n');
    expect(withoutTeam).not.toBe(original);
    writeFileSync(supergraphPath, withoutTeam);
    await eventually(async () => (await asAdmin('{ teamMembers { id } }')).errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
    writeFileSync(supergraphPath, original);
    await eventually(async () => (await asAdmin('{ teamMembers { id } }')).errors === undefined);
  });
});
