import { createServer, type ClientRequestArgs, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { buildSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { serveGraphQLWs, type GraphQLWsEndpoint } from './graphql-ws';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Subscription { chunks(count: Int!, bytes: Int!): String }
`);

describe('serveGraphQLWs', () => {
  let server: Server;
  let endpoint: GraphQLWsEndpoint;
  let url: string;
  /** How many events each subscription's source has produced, by the `count` it was asked for. */
  const produced = new Map<number, number>();

  beforeAll(async () => {
    server = createServer();
    endpoint = serveGraphQLWs(server, '/graphql', {
      schema,
      roots: {
        subscription: {
          async *chunks({ count, bytes }: { count: number; bytes: number }) {
            for (let i = 0; i < count; i += 1) {
              produced.set(count, i + 1);
              // Each event is produced when the consumer asks for it, as a live source would.
              yield await Promise.resolve({ chunks: `${i}:`.padEnd(bytes, 'x') });
            }
          },
        },
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await endpoint.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers every event of a burst, in order', async () => {
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    const received: string[] = [];
    for await (const result of client.iterate<{ chunks: string }>({ query: 'subscription { chunks(count: 500, bytes: 20) }' })) {
      received.push(result.data?.chunks ?? 'missing');
    }
    await client.dispose();
    expect(received).toHaveLength(500);
    expect(received.map((chunk) => Number(chunk.split(':')[0]))).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });

  it('holds back only the subscription of a connection that stops reading, without buffering its whole stream', async () => {
    // A reader that stops reading: its socket is paused once the subscription is under way.
    let raw: Socket | undefined;
    const stalled = createClient({
      url,
      retryAttempts: 0,
      webSocketImpl: class extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, {
            createConnection: (options: ClientRequestArgs) => {
              raw = connect({ host: options.host ?? '127.0.0.1', port: Number(options.port) });
              return raw;
            },
          });
        }
      },
    });
    const COUNT = 1000;
    const BYTES = 64 * 1024;
    let stalledReceived = 0;
    stalled.subscribe(
      { query: `subscription { chunks(count: ${COUNT}, bytes: ${BYTES}) }` },
      {
        next: () => {
          stalledReceived += 1;
          if (stalledReceived === 1) raw?.pause();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // Wait until the stalled stream's source stops producing.
    let last = -1;
    while ((produced.get(COUNT) ?? 0) !== last) {
      last = produced.get(COUNT) ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    // Another connection is served in full meanwhile.
    const other = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 });
    let otherReceived = 0;
    for await (const result of other.iterate({ query: 'subscription { chunks(count: 300, bytes: 1024) }' })) {
      if (result.data) otherReceived += 1;
    }
    await other.dispose();
    expect(otherReceived).toBe(300);

    // What the stalled reader has not read is bounded by the socket buffers and the high-water mark,
    // not by the length of its stream (64 MB here).
    expect(produced.get(COUNT)).toBeLessThan(COUNT / 2);
    raw?.resume();
    await stalled.dispose();
  });
});
