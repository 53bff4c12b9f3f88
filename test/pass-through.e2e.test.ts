import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { REQUEST_ID_HEADER } from '@nusa/platform';
import { freePort } from '@nusa/platform/testing';
import { signIn, startCrm, startGateway, SUPERGRAPH, TEST_SECRETS, type CrmHarness, type GatewayHarness } from './platform';

let crm: CrmHarness;
/** Passes single-fetch answers through (the default). */
let passing: GatewayHarness;
/** @apollo/gateway's own execution for every operation. */
let reshaping: GatewayHarness;
let token: string;

interface Exchange {
  status: number;
  body: string;
}

/** One POST as the admin, the request id fixed so that both gateways can answer alike byte for byte. */
async function exchange(gateway: GatewayHarness, body: unknown, headers: Record<string, string> = {}): Promise<Exchange> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [REQUEST_ID_HEADER]: 'pass-through-test', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

/** A body as JSON, for what a case checks besides the bytes. */
function parsed(answer: Exchange): {
  data?: Record<string, { edges: unknown[]; totalCount: number }>;
  errors?: { extensions: { code: string } }[];
} {
  return JSON.parse(answer.body) as ReturnType<typeof parsed>;
}

/** How many operations a gateway has answered with a subgraph's bytes, from its `/metrics`. */
async function passedThrough(gateway: GatewayHarness): Promise<number> {
  const text = await (await fetch(`${gateway.origin}/metrics`)).text();
  const count = /^gateway_passed_through_total\{[^}]*subgraph="crm"[^}]*\} (\d+)$/m.exec(text)?.[1];
  return count === undefined ? 0 : Number(count);
}

/** Both gateways' answers to the same request, and whether the passing one passed it through. */
async function both(body: unknown): Promise<{ passed: Exchange; reshaped: Exchange; wasPassedThrough: boolean }> {
  const before = await passedThrough(passing);
  const passed = await exchange(passing, body);
  const wasPassedThrough = (await passedThrough(passing)) > before;
  return { passed, reshaped: await exchange(reshaping, body), wasPassedThrough };
}

/** An operation is learnt from its first plan: the second request of it is the one passed through. */
async function twice(body: unknown): Promise<{ passed: Exchange; reshaped: Exchange; wasPassedThrough: boolean }> {
  await exchange(passing, body);
  return both(body);
}

const PAGE =
  'query Page($first: Int, $after: String) { clients(first: $first, after: $after) { totalCount edges { cursor node { id fullName status nationality practices { type status dueDate assignee { id name } } } } pageInfo { hasNextPage endCursor } } }';

beforeAll(async () => {
  crm = await startCrm('pass_through_e2e', { demoData: true });
  passing = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, ...TEST_SECRETS });
  reshaping = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: crm.url }, passThrough: false, ...TEST_SECRETS });
  token = await signIn(passing.url);
});

afterAll(async () => {
  await passing.stop();
  await reshaping.stop();
  await crm.stop();
});

describe('single-fetch answers passed through as the subgraph wrote them', () => {
  it("answers a crm page byte for byte as @apollo/gateway's reshaping does, without reshaping it", async () => {
    for (const variables of [{ first: 30 }, { first: 7, after: null }, { first: 50 }]) {
      const { passed, reshaped, wasPassedThrough } = await twice({ query: PAGE, variables });
      expect(wasPassedThrough).toBe(true);
      expect(passed).toEqual(reshaped);
      expect(parsed(passed).data?.clients?.edges.length).toBe(variables.first);
    }
  });

  it('passes aliases, arguments, enums, nested __typename and the catalog through alike', async () => {
    const requests = [
      { query: '{ a: clients(first: 2) { edges { node { __typename id name: fullName } } } b: clients(first: 3) { totalCount } }' },
      { query: '{ serviceCatalog(type: KITAS) { __typename code name } }' },
      {
        query: 'query($days: Int!) { upcomingDeadlines(withinDays: $days, includeOverdue: true) { id type status client { fullName } } }',
        variables: { days: 60 },
      },
      { query: 'query($id: ID!) { client(id: $id) { id fullName } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
    ];
    for (const request of requests) {
      const { passed, reshaped, wasPassedThrough } = await twice(request);
      expect(wasPassedThrough).toBe(true);
      expect(passed).toEqual(reshaped);
      expect(parsed(passed).errors).toBeUndefined();
    }
  });

  it("leaves to @apollo/gateway what it reshapes (fragments, directives, the root's __typename), answering alike", async () => {
    const queries = [
      '{ clients(first: 3) { edges { node { ...Listed } } } } fragment Listed on Client { id fullName }',
      '{ clients(first: 3) { edges { node { id ... on Client { status } } } } }',
      'query($more: Boolean!) { clients(first: 3) { edges { node { id email @include(if: $more) } } } }',
      '{ __typename clients(first: 1) { totalCount } }',
    ];
    for (const query of queries) {
      const { passed, reshaped, wasPassedThrough } = await twice({ query, variables: { more: true } });
      expect(wasPassedThrough).toBe(false);
      expect(passed).toEqual(reshaped);
      expect(parsed(passed).data).toBeTruthy();
    }
  });

  it('answers errors, refused variables and refused mutations exactly as @apollo/gateway does, fetching once', async () => {
    const cases = [
      { query: 'query($id: ID!) { client(id: $id) { id fullName } }', variables: { id: 'not-an-id' } },
      { query: PAGE, variables: { first: 'thirty' } },
      { query: PAGE, variables: { first: -5 } },
      {
        query: 'mutation($id: ID!) { updatePracticeStatus(id: $id, status: COMPLETED) { id status } }',
        variables: { id: '00000000-0000-4000-8000-000000000000' },
      },
    ];
    for (const body of cases) {
      const { passed, reshaped, wasPassedThrough } = await twice(body);
      expect(wasPassedThrough).toBe(false);
      expect(passed).toEqual(reshaped);
      expect(parsed(passed).errors?.length).toBeGreaterThan(0);
    }
  });

  it('passes a mutation through once: one client created per request', async () => {
    const create =
      'mutation($name: String!) { createClient(input: { fullName: $name, nationality: "NZ" }) { fullName status nationality } }';
    await exchange(passing, { query: create, variables: { name: 'Aroha Learnt' } });
    const before = await passedThrough(passing);
    const created = await exchange(passing, { query: create, variables: { name: 'Aroha Passed' } });
    expect(await passedThrough(passing)).toBe(before + 1);
    expect(created.body).toBe('{"data":{"createClient":{"fullName":"Aroha Passed","status":"LEAD","nationality":"NZ"}}}\n');
    const found = await exchange(passing, { query: '{ clients(first: 5, filter: { search: "Aroha Passed" }) { totalCount } }' });
    expect(parsed(found).data?.clients?.totalCount).toBe(1);
  });

  it('answers each operation of a batch alike', async () => {
    const batch = [
      { query: PAGE, variables: { first: 4 } },
      { query: 'query($id: ID!) { client(id: $id) { id } }', variables: { id: '00000000-0000-4000-8000-000000000000' } },
    ];
    const { passed, reshaped } = await twice(batch);
    expect(passed).toEqual(reshaped);
    expect(JSON.parse(passed.body)).toHaveLength(2);
  });

  it('answers alike over graphql-ws, where the answer is serialised with its message', async () => {
    await exchange(passing, { query: PAGE, variables: { first: 5 } });
    const socket = createClient({
      url: passing.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    try {
      const overSocket = await new Promise<unknown>((resolve, reject) => {
        let result: unknown;
        socket.subscribe(
          { query: PAGE, variables: { first: 5 } },
          { next: (value) => (result = value), error: reject, complete: () => resolve(result) },
        );
      });
      const overHttp = JSON.parse((await exchange(reshaping, { query: PAGE, variables: { first: 5 } })).body) as unknown;
      expect(overSocket).toEqual(overHttp);
    } finally {
      await socket.dispose();
    }
  });

  it('answers alike when the subgraph cannot be reached', async () => {
    const deadUrl = `http://127.0.0.1:${await freePort()}/graphql`;
    const deadPassing = await startGateway({ supergraphPath: SUPERGRAPH, subgraphUrls: { crm: deadUrl }, ...TEST_SECRETS });
    const deadReshaping = await startGateway({
      supergraphPath: SUPERGRAPH,
      subgraphUrls: { crm: deadUrl },
      passThrough: false,
      ...TEST_SECRETS,
    });
    try {
      const body = { query: '{ serviceCatalog { code } }' };
      await exchange(deadPassing, body);
      const passed = await exchange(deadPassing, body);
      expect(passed).toEqual(await exchange(deadReshaping, body));
      expect(parsed(passed).errors?.[0]?.extensions.code).toBe('DOWNSTREAM_SERVICE_ERROR');
    } finally {
      await deadPassing.stop();
      await deadReshaping.stop();
    }
  });
});
