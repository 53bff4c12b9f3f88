import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { waitUntilHealthy } from '@nusa/platform';
import { eventually, freePort, postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { collect, startChatInstance, startChatPlatform, type ChatPlatform } from './platform';

const root = join(__dirname, '..');
const SUPERGRAPH = join(root, 'schema', 'supergraph.graphql');

/** A TCP proxy in front of a subgraph: `down()` refuses connections as a dead service would, `delayMs` makes it slow. */
async function proxyTo(target: string): Promise<{ url: string; down: () => Promise<void>; up: () => Promise<void>; delayMs: number }> {
  const { hostname, port: targetPort } = new URL(target);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const control = {
    url: `http://127.0.0.1:${port}/graphql`,
    delayMs: 0,
    up: () =>
      new Promise<void>((resolve) => {
        server = createServer((client) => {
          sockets.add(client);
          client.on('close', () => sockets.delete(client));
          client.on('error', () => undefined);
          client.once('data', (first) => {
            setTimeout(() => {
              const connection = connect(Number(targetPort), hostname);
              sockets.add(connection);
              connection.on('error', () => client.destroy());
              connection.on('close', () => sockets.delete(connection));
              connection.write(first);
              client.pipe(connection).pipe(client);
            }, control.delayMs);
          });
        });
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    down: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        if (!server) resolve();
        else server.close(() => resolve());
        server = null;
      }),
  };
  await control.up();
  return control;
}

/** A private Redis on a free port, so killing it touches no other test. */
async function privateRedis(): Promise<{ url: string; kill: () => Promise<void>; start: () => Promise<void> }> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' });
        return;
      } catch {
        if (Date.now() > deadline) throw new Error('redis did not start');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start };
}

let platform: ChatPlatform;

beforeAll(async () => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root });
  platform = await startChatPlatform('faults_e2e', { offlineTokenDelayMs: 10 });
}, 180_000);

afterAll(async () => {
  await platform.stop();
});

async function gatewayBefore(crmUrl: string, settings: Partial<Parameters<typeof startGateway>[0]> = {}): Promise<GatewayHarness> {
  return startGateway({
    supergraphPath: SUPERGRAPH,
    subgraphUrls: { ...platform.urls, crm: crmUrl, chat: platform.chat.url },
    ...TEST_SECRETS,
    ...settings,
  });
}

describe('faults', () => {
  it('keeps serving while Redis is killed (limits counted per instance) and uses it again once it is back', async () => {
    const redis = await privateRedis();
    const gateway = await gatewayBefore(platform.urls.crm, { redisUrl: redis.url });
    try {
      const auth = { authorization: `Bearer ${platform.token}` };
      const ask = () => postGraphQL<{ serviceCatalog: unknown[] }>(gateway.url, '{ serviceCatalog { code } }', {}, auth);
      const ready = async () => {
        const response = await fetch(new URL('/ready', gateway.url));
        return { status: response.status, body: (await response.json()) as { status: string; dependencies: Record<string, unknown> } };
      };
      expect((await ask()).data?.serviceCatalog.length).toBeGreaterThan(0);
      // (This platform has no knowledge subgraph, so the gateway is not ready either way: Redis must not change that.)
      const before = await ready();
      expect(before.body.dependencies.redis).toMatchObject({ state: 'up', optional: true });
      await redis.kill();
      for (let index = 0; index < 3; index += 1) {
        const during = await ask();
        expect(during.errors).toBeUndefined();
        expect(during.data?.serviceCatalog.length).toBeGreaterThan(0);
      }
      // Still taking traffic, and saying what it lacks.
      const during = await ready();
      expect(during.body.dependencies.redis).toMatchObject({ state: 'down', optional: true });
      expect(during.status).toBe(before.status);
      await redis.start();
      const deadline = Date.now() + 15_000;
      const redisPort = new URL(redis.url).port;
      const counted = () => execFileSync('redis-cli', ['-p', redisPort, '--scan', '--pattern', 'rl:api:*'], { encoding: 'utf8' }).trim();
      while (!counted()) {
        if (Date.now() > deadline) throw new Error('the limiter did not go back to Redis');
        await ask();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(counted()).toContain('rl:api:member:');
      expect((await ready()).body.dependencies.redis).toMatchObject({ state: 'up' });
    } finally {
      await gateway.stop();
      await redis.kill();
    }
  }, 60_000);

  it('names a stopped subgraph, fails fast once its circuit opens, and recovers when it comes back', async () => {
    const proxy = await proxyTo(platform.urls.crm);
    const gateway = await gatewayBefore(proxy.url);
    try {
      const auth = { authorization: `Bearer ${platform.token}` };
      const ask = () => postGraphQL<{ serviceCatalog: unknown[] | null }>(gateway.url, '{ serviceCatalog { code } }', {}, auth);
      expect((await ask()).data?.serviceCatalog?.length).toBeGreaterThan(0);
      await proxy.down();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const failed = await ask();
        expect(failed.errors?.[0]?.extensions).toMatchObject({
          code: 'DOWNSTREAM_SERVICE_ERROR',
          reason: 'SUBGRAPH_UNAVAILABLE',
          serviceName: 'crm',
        });
      }
      const fast = await ask();
      expect(fast.errors?.[0]?.message).toContain('circuit is open');
      await proxy.up();
      const deadline = Date.now() + 15_000;
      let recovered = await ask();
      while (recovered.errors) {
        if (Date.now() > deadline) throw new Error('the gateway did not recover');
        await new Promise((resolve) => setTimeout(resolve, 250));
        recovered = await ask();
      }
      expect(recovered.data?.serviceCatalog?.length).toBeGreaterThan(0);
    } finally {
      await gateway.stop();
      await proxy.down();
    }
  }, 60_000);

  it('gives up on a subgraph slower than its timeout with SUBGRAPH_UNAVAILABLE, keeping the rest of the data', async () => {
    const proxy = await proxyTo(platform.urls.crm);
    const gateway = await gatewayBefore(proxy.url, { subgraphTimeoutMs: 300 });
    try {
      proxy.delayMs = 5000;
      const conversationId = await platform.conversation();
      const result = await postGraphQL<{ client: unknown; conversation: { id: string } | null }>(
        gateway.url,
        'query($id: ID!, $c: ID!) { client(id: $id) { fullName } conversation(id: $c) { id } }',
        { id: platform.memory.clientIds[0], c: conversationId },
        { authorization: `Bearer ${platform.token}` },
      );
      expect(result.status).toBe(200);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'DOWNSTREAM_SERVICE_ERROR',
        reason: 'SUBGRAPH_UNAVAILABLE',
        serviceName: 'crm',
      });
      expect(result.data?.client).toBeNull();
      expect(result.data?.conversation?.id).toBe(conversationId);
    } finally {
      await gateway.stop();
      await proxy.down();
    }
  }, 30_000);

  it('on SIGTERM the gateway ends open subscriptions with 1012 and exits 0, and the answer still completes', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(root, 'gateway/dist/index.js')], {
      cwd: root,
      env: {
        ...process.env,
        LOG_LEVEL: 'silent',
        PORT: String(port),
        CRM_URL: platform.urls.crm,
        MEMORY_URL: platform.urls.memory,
        KNOWLEDGE_URL: platform.urls.knowledge,
        CHAT_URL: platform.chat.url,
        JWT_SECRET: TEST_SECRETS.jwtSecret,
        INTERNAL_SECRET: TEST_SECRETS.internalSecret,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitUntilHealthy(`http://127.0.0.1:${port}/health`, exited, 60_000, 100);
      const conversationId = await platform.conversation();
      const sent = await postGraphQL<{ sendMessage: { assistantMessage: { id: string } } }>(
        url,
        'mutation($c: ID!) { sendMessage(input: { conversationId: $c, content: "Tell me about visas on arrival and their extension" }) { assistantMessage { id } } }',
        { c: conversationId },
        { authorization: `Bearer ${platform.token}` },
      );
      const id = sent.data?.sendMessage.assistantMessage.id;
      let closeCode = 0;
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${platform.token}` },
        retryAttempts: 0,
        on: { closed: (event) => (closeCode = (event as { code: number }).code) },
      });
      const stream = collect<{ seq: number }>(client, 'subscription($id: ID!) { messageStream(messageId: $id) { seq } }', { id });
      while (stream.events.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      child.kill('SIGTERM');
      await stream.done;
      expect(closeCode).toBe(1012);
      expect(await exited).toBe(0);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const message = await platform.memory.internal<{ message: { status: string } }>('/internal/messages/get', { messageId: id });
        if (message.body.message.status === 'COMPLETE') break;
        if (Date.now() > deadline) throw new Error(`the answer ended ${message.body.message.status}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.dispose();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('faults found by the soak', () => {
  const STREAM = 'subscription($id: ID!, $after: Int) { messageStream(messageId: $id, afterSeq: $after) { seq delta done } }';

  it('finishes an answer whose Redis is SIGKILLed and restarted empty mid-stream, and a reader resuming with afterSeq gets every token once', async () => {
    const redis = await privateRedis();
    const chat = await platform.addChat({ redis: redis.url, offlineTokenDelayMs: 60 });
    const gateway = await platform.addGateway(chat);
    try {
      const conversationId = await platform.conversation();
      const sent = await postGraphQL<{ sendMessage: { assistantMessage: { id: string } } }>(
        gateway.url,
        'mutation($c: ID!) { sendMessage(input: { conversationId: $c, content: "What does a stay permit cost?" }) { assistantMessage { id } } }',
        { c: conversationId },
        { authorization: `Bearer ${platform.token}` },
      );
      const id = sent.data?.sendMessage.assistantMessage.id;
      expect(id).toBeDefined();
      const received = new Map<number, string>();
      let duplicates = 0;
      let lastSeq = 0;
      let done = false;
      const follow = () => {
        const stream = collect<{ seq: number; delta: string; done: boolean }>(platform.ws({ gateway }), STREAM, {
          id,
          after: lastSeq || null,
        });
        const absorb = () => {
          for (const event of stream.events.splice(0)) {
            if (received.has(event.seq)) duplicates += 1;
            received.set(event.seq, event.delta);
            lastSeq = Math.max(lastSeq, event.seq);
            done ||= event.done;
          }
        };
        return { stream, absorb };
      };
      const first = follow();
      await eventually(
        () => {
          first.absorb();
          return received.size >= 3;
        },
        { what: 'three tokens arrive' },
      );
      await redis.kill();
      await redis.start();
      // The reader of the lost connection is ended; it resumes after the last seq it had.
      await first.stream.done;
      first.absorb();
      const broken = [...first.stream.errors];
      for (let resumes = 0; !done; resumes += 1) {
        if (resumes > 20) throw new Error(`the stream did not end; ${received.size} events received`);
        const again = follow();
        await again.stream.done;
        again.absorb();
        broken.push(...again.stream.errors);
      }
      // Why a stream broke is one a client can act on (subscribe again), naming the service, never a masked fault.
      expect(broken.length).toBeGreaterThan(0);
      for (const error of broken) {
        expect(error).toMatchObject({ extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'chat' } });
      }
      const seqs = [...received.keys()].sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, index) => index + 1));
      expect(duplicates).toBe(0);
      const stored = async () =>
        (await platform.memory.internal<{ message: { status: string; content: string } }>('/internal/messages/get', { messageId: id })).body
          .message;
      await eventually(async () => (await stored()).status !== 'STREAMING', { what: 'the answer ends' });
      const message = await stored();
      expect(message.status).toBe('COMPLETE');
      expect(seqs.map((seq) => received.get(seq)).join('')).toBe(message.content);
    } finally {
      // The chat instance and the gateway are stopped with the platform.
      await redis.kill();
    }
  }, 60_000);

  /** A TCP proxy that, while `refusing`, cuts every connection at once and notes when it last did. */
  async function refusingProxy(target: string) {
    const { hostname, port: targetPort } = new URL(target);
    const port = await freePort();
    const sockets = new Set<Socket>();
    const control = { url: `http://127.0.0.1:${port}/graphql`, refusing: false, refused: 0, lastRefusedAt: 0 };
    const server = createServer((client) => {
      client.on('error', () => undefined);
      if (control.refusing) {
        control.refused += 1;
        control.lastRefusedAt = Date.now();
        client.destroy();
        return;
      }
      const connection = connect(Number(targetPort), hostname);
      for (const socket of [client, connection]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      }
      connection.on('error', () => client.destroy());
      client.pipe(connection).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    return {
      control,
      refuse: () => {
        control.refusing = true;
        for (const socket of sockets) socket.destroy();
      },
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it('writes the final message of an answer that ended while memory was down for longer than a few retries, once memory is back', async () => {
    const proxy = await refusingProxy(platform.urls.memory);
    const chat = await startChatInstance({ ...platform.urls, memory: proxy.control.url }, { offlineTokenDelayMs: 30 });
    const gateway = await platform.addGateway(chat);
    try {
      const conversationId = await platform.conversation();
      const sent = await postGraphQL<{ sendMessage: { assistantMessage: { id: string } } }>(
        gateway.url,
        'mutation($c: ID!) { sendMessage(input: { conversationId: $c, content: "How do I extend a visa on arrival?" }) { assistantMessage { id } } }',
        { c: conversationId },
        { authorization: `Bearer ${platform.token}` },
      );
      const id = sent.data?.sendMessage.assistantMessage.id;
      const stream = collect<{ seq: number; delta: string; done: boolean; error?: string | null }>(platform.ws({ gateway }), STREAM, {
        id,
        after: null,
      });
      await eventually(() => stream.events.length >= 2, { what: 'two tokens arrive' });
      // Memory goes away for the chat instance while the answer streams, for longer than the retries
      // (about 8 s) the final message used to get: in the soak, a memory restarting under load took 20 s.
      const downAt = Date.now();
      proxy.refuse();
      await eventually(() => proxy.control.lastRefusedAt - downAt > 15_000, {
        timeoutMs: 40_000,
        what: 'the final message is still retried after 15 s',
      });
      proxy.control.refusing = false;
      // The stream's final event follows the final message.
      await stream.done;
      expect(stream.events.at(-1)?.done).toBe(true);
      const stored = async () =>
        (await platform.memory.internal<{ message: { status: string; content: string } }>('/internal/messages/get', { messageId: id })).body
          .message;
      await eventually(async () => (await stored()).status !== 'STREAMING', { timeoutMs: 20_000, what: 'the final message is written' });
      const message = await stored();
      expect(message.status).toBe('COMPLETE');
      expect(message.content).toBe(stream.events.map((event) => event.delta).join(''));
      expect(message.content.length).toBeGreaterThan(20);
    } finally {
      await chat.stop();
      await proxy.close();
    }
  }, 90_000);
});
