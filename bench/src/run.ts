import { direct } from './scenarios/direct.js';
import { federatedCrm } from './scenarios/federated-crm.js';
import { publicBenchmark } from './scenarios/public-benchmark.js';
import { real } from './scenarios/real.js';
import { streamPaced } from './scenarios/stream-paced.js';

/** Every scenario of `npm run bench -- <scenario>`; the older benches run as they did. */
const scenarios: Record<string, () => Promise<unknown>> = {
  real,
  'stream-paced': streamPaced,
  'federated-crm': federatedCrm,
  'public-benchmark': publicBenchmark,
  direct,
  stream: () => import('./stream.js'),
  crm: () => import('./crm.js'),
  memory: () => import('./memory.js'),
  kb: () => import('./kb.js'),
};

const name = process.argv[2] ?? '';
const scenario = scenarios[name];
if (!scenario) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(scenarios).join('|')}>\n`);
  process.exit(2);
}
scenario().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
