import { createServer, type Server } from 'node:net';
import { createLogger } from './logger';
import { createRedis, redisClientErrors } from './redis';

/** A TCP port that refuses nothing but answers nothing a Redis client understands: it closes every connection at once. */
async function closingPort(): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

async function errorsOf(client: string): Promise<number> {
  const metric = await redisClientErrors.get();
  return metric.values.find((value) => value.labels.client === client)?.value ?? 0;
}

describe('Redis clients made by the factory', () => {
  it('count and log their connection errors instead of swallowing them, once per interval however many arrive', async () => {
    const { port, server } = await closingPort();
    const lines: string[] = [];
    const logger = createLogger('test', 'warn', { write: (line: string) => lines.push(line) });
    const redis = createRedis(`redis://127.0.0.1:${port}`, 'test-unreachable', logger, {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => (attempt < 5 ? 10 : null),
    });
    try {
      const deadline = Date.now() + 5000;
      while ((await errorsOf('test-unreachable')) < 3) {
        if (Date.now() > deadline) throw new Error('no errors were counted');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const warnings = lines.filter((line) => line.includes('Redis is unreachable'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('"client":"test-unreachable"');
      await expect(redis.ping()).rejects.toThrow();
    } finally {
      redis.disconnect();
      server.close();
    }
  });
});
