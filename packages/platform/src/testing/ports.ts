import { createServer } from 'node:net';

/** Ports this process has handed out already: the kernel may offer one again once its probe is closed. */
const handedOut = new Set<number>();

function probePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/**
 * A TCP port that was free a moment ago, for a process that must be told its port up front. Never one this
 * process was given before, so that ports asked for one after another (a launcher's five services) are distinct
 * even before any of them is bound.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await probePort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}
