import { join } from 'node:path';
import { signSessionToken } from '@nusa/platform';
import { postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { startKnowledge, type KnowledgeHarness } from '../subgraphs/knowledge/src/testing';

let kb: KnowledgeHarness;
let gateway: GatewayHarness;
let auth: Record<string, string>;

beforeAll(async () => {
  kb = await startKnowledge('knowledge_e2e');
  gateway = await startGateway({
    supergraphPath: join(__dirname, '..', 'schema', 'supergraph.graphql'),
    subgraphUrls: { knowledge: kb.url },
    ...TEST_SECRETS,
  });
  const now = Math.floor(Date.now() / 1000);
  const token = signSessionToken(
    {
      sub: '00000000-0000-4000-8000-000000000001',
      role: 'ADMIN',
      name: 'Admin',
      email: 'a@example.com',
      jti: 'j',
      iat: now,
      exp: now + 600,
    },
    TEST_SECRETS.jwtSecret,
  );
  auth = { authorization: `Bearer ${token}` };
  await postGraphQL(
    gateway.url,
    'mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }',
    {
      input: {
        collection: 'property_sage',
        title: 'Leasehold terms',
        text: '# Leasehold terms\n\nA leasehold for foreigners usually runs 25 to 30 years, with an extension option.',
      },
    },
    auth,
  );
}, 300_000);

afterAll(async () => {
  await gateway.stop();
  await kb.stop();
});

describe('knowledge through the gateway', () => {
  it('answers with citations, and passes on the warning when the vector index is down', async () => {
    const query =
      '{ searchKnowledge(query: "how many years can a foreigner lease land", limit: 3) { text citation { title collection headingPath } } }';
    const healthy = await postGraphQL<{ searchKnowledge: { citation: { title: string } }[] }>(gateway.url, query, {}, auth);
    expect(healthy.data?.searchKnowledge[0]?.citation.title).toBe('Leasehold terms');
    expect(healthy.extensions).toBeUndefined();
    await kb.stopChroma();
    try {
      const degraded = await postGraphQL<{ searchKnowledge: { citation: { title: string } }[] }>(
        gateway.url,
        query.replace('how many', 'for how many'),
        {},
        auth,
      );
      expect(degraded.errors).toBeUndefined();
      expect(degraded.data?.searchKnowledge[0]?.citation.title).toBe('Leasehold terms');
      expect(degraded.extensions?.warnings).toEqual(['The vector index is unavailable; these are keyword results only.']);
    } finally {
      await kb.restartChroma();
    }
  });
});
