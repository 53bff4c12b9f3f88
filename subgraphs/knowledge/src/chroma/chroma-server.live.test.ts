import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChromaClient } from 'chromadb';
import { createLogger } from '@nusa/platform';
import { freePort } from '@nusa/platform/testing';
import { startLocalChroma } from './chroma-server';

const root = join(__dirname, '..', '..', '..', '..');

describe('the local Chroma server', () => {
  it('starts from the chromadb package, keeps data across a restart, and stops without a trace', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nusa-chroma-'));
    const port = await freePort();
    const options = { dataDir, port, runtimeDir: join(root, '.data', 'glibc'), logger: createLogger('test', 'silent'), timeoutMs: 120_000 };
    try {
      const first = await startLocalChroma(options);
      const client = new ChromaClient({ host: '127.0.0.1', port });
      const collection = await client.createCollection({ name: 'probe', embeddingFunction: null });
      await collection.add({ ids: ['a'], embeddings: [[0.1, 0.2, 0.3]], documents: ['hello'] });
      await first.stop();
      await expect(fetch(`http://127.0.0.1:${port}/api/v2/heartbeat`)).rejects.toThrow();

      const second = await startLocalChroma(options);
      const again = await new ChromaClient({ host: '127.0.0.1', port }).getCollection({ name: 'probe' });
      expect(await again.count()).toBe(1);
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
