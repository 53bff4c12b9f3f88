import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from './subgraph-fetcher';

/** A subgraph stand-in that answers every request after `delayMs`, counting them. */
async function countingSubgraph(delayMs: number): Promise<{ url: string; received: () => number; server: Server }> {
  let received = 0;
  const server = createServer((req, res) => {
    received += 1;
    req.resume();
    req.on('end', () => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}'), delayMs));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, received: () => received, server };
}

describe('the subgraph fetcher', () => {
  const { fetcher, close } = createSubgraphFetcher(5000);
  let subgraph: Awaited<ReturnType<typeof countingSubgraph>>;
  beforeEach(async () => {
    subgraph = await countingSubgraph(50);
  });
  afterEach(() => new Promise<void>((resolve) => subgraph.server.close(() => resolve())));
  afterAll(close);

  const send = (body: string, identity = 'alice', requestId = 'r1') =>
    fetcher(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-nusa-identity': identity, 'x-request-id': requestId },
      body,
    });

  it('sends identical query fetches in flight at once one time, and each caller parses its own copy', async () => {
    const body = JSON.stringify({ query: 'query Q__crm__0{clients{id}}', variables: {} });
    const responses = await Promise.all([send(body, 'alice', 'r1'), send(body, 'alice', 'r2'), send(body, 'alice', 'r3')]);
    expect(subgraph.received()).toBe(1);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as { data: { ok: boolean } }[];
    expect(bodies).toEqual([{ data: { ok: true } }, { data: { ok: true } }, { data: { ok: true } }]);
    expect(bodies[0]).not.toBe(bodies[1]);
    expect(responses[0]?.headers.get('Content-Type')).toBe('application/json');
  });

  it('sends fetches for other callers, other bodies and every mutation', async () => {
    const query = JSON.stringify({ query: '{clients{id}}', variables: {} });
    const mutation = JSON.stringify({ query: 'mutation M__crm__0{logout}', variables: {} });
    await Promise.all([
      send(query, 'alice'),
      send(query, 'bob'),
      send(JSON.stringify({ query: '{me{id}}' })),
      send(mutation),
      send(mutation),
    ]);
    expect(subgraph.received()).toBe(5);
  });
});
