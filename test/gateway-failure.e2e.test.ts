import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createLogger, listen, signSessionToken } from '@nusa/platform';
import { createSubgraphServer, type SubgraphServer } from '@nusa/subgraph';
import { freePort, postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { subgraphSdls } from '../gateway/src/compose';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';

/** A second subgraph that extends the CRM's Client, so a response can be partly served. */
const OFFICE_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { officeHours: String! }
  type Client @key(fields: "id") { id: ID! loyaltyTier: String! }
`;

let office: SubgraphServer;
let gateway: GatewayHarness;
let workDir: string;
let token: string;

beforeAll(async () => {
  const logger = createLogger('test', 'silent');
  office = await createSubgraphServer({
    name: 'office',
    schema: buildSubgraphSchema({ typeDefs: parse(OFFICE_SDL), resolvers: { Query: { officeHours: () => '08:00-17:00 WITA' } } }),
    internalSecret: TEST_SECRETS.internalSecret,
    logger,
    context: (base) => base,
  });
  const officeUrl = `http://127.0.0.1:${await listen(office.server, 0, '127.0.0.1')}/graphql`;
  const crm = subgraphSdls(join(__dirname, '..')).find((subgraph) => subgraph.name === 'crm');
  const composed = composeServices([
    { name: 'crm', url: 'http://unused', typeDefs: parse(crm?.sdl ?? '') },
    { name: 'office', url: officeUrl, typeDefs: parse(OFFICE_SDL) },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((error) => error.message).join('\n'));
  workDir = mkdtempSync(join(tmpdir(), 'nusa-failure-'));
  const supergraphPath = join(workDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const deadCrm = `http://127.0.0.1:${await freePort()}/graphql`;
  gateway = await startGateway({ supergraphPath, subgraphUrls: { crm: deadCrm, office: officeUrl }, ...TEST_SECRETS });
  const now = Math.floor(Date.now() / 1000);
  token = signSessionToken(
    { sub: 'm1', role: 'AGENT', name: 'Agent', email: 'a@example.com', jti: 'j', iat: now, exp: now + 600 },
    TEST_SECRETS.jwtSecret,
  );
});

afterAll(async () => {
  await gateway.stop();
  await office.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('a subgraph that is down', () => {
  it('leaves the rest of the response intact and names the missing subgraph', async () => {
    // `me` is nullable, so its failure stays local; a non-null root field would null the whole `data`.
    const result = await postGraphQL<{ officeHours: string; me: unknown }>(
      gateway.url,
      '{ officeHours me { name } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ officeHours: '08:00-17:00 WITA', me: null });
    expect(result.errors?.[0]?.message).toContain('crm');
    expect(result.errors?.[0]?.extensions).toMatchObject({ serviceName: 'crm' });
    expect(JSON.stringify(result.errors)).not.toMatch(/ECONNREFUSED|at .*\.js/);
  });

  it('keeps the gateway up and reports the subgraph as down in /ready', async () => {
    expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
    const ready = await fetch(`${gateway.origin}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', dependencies: { crm: { state: 'down' }, office: { state: 'up' } } });
    const again = await postGraphQL(gateway.url, '{ officeHours }', {}, { authorization: `Bearer ${token}` });
    expect(again.data).toEqual({ officeHours: '08:00-17:00 WITA' });
  });
});
