import { execSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadChecked, type Measured } from './load.js';
import { root } from './processes.js';

/** One measured target. */
export type Row = Measured;

/** Loads `url` with POST bodies for `seconds` and reports throughput, exact latency percentiles and errors. */
export function load(
  target: string,
  url: string,
  headers: Record<string, string> | (() => Record<string, string>),
  body: string | (() => string),
  seconds: number,
  connections: number,
): Promise<Row> {
  return loadChecked({ target, url, headers, body, seconds, connections });
}

/** The commit measured, with `+changes` when the working tree differs from it. */
function commitOf(): string {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    const dirty = execSync('git status --porcelain --untracked-files=no -- gateway packages bench/src', { cwd: root }).toString().trim();
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return process.env.BENCH_COMMIT ?? 'unknown';
  }
}

/** Prints a result table and appends it, with the date, commit and machine, to bench/RESULTS.md. */
export function report(title: string, description: string, rows: Row[], footer: string): void {
  reportTable(
    title,
    description,
    ['target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'],
    rows.map((r) => [r.target, r.requestsPerSecond, r.p50, r.p95, r.p99, r.errors].map(String)),
    footer,
  );
}

/** Prints any table (first column text, the others right-aligned) and appends it to bench/RESULTS.md (or `BENCH_RESULTS`). */
export function reportTable(title: string, description: string, header: string[], rows: string[][], footer: string): void {
  const commit = commitOf();
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
  const text = [
    `### ${title} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}`,
    '',
    `Machine: ${machine}. ${description}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    footer,
    '',
  ].join('\n');
  process.stdout.write(`\n${text}\n`);
  appendFileSync(process.env.BENCH_RESULTS ?? join(root, 'bench', 'RESULTS.md'), `${text}\n`);
}

/** Sends one operation and returns its data, or throws on any error: benchmarks check what they load. */
export async function graphqlData<T>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`unexpected response: ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}
