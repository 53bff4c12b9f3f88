import { KEEP_ALIVE_TIMEOUT_MS } from '@nusa/platform';
import type { Fault } from './chaos.js';
import type { Attempted } from './client.js';
import { IDLE_BEFORE_HANDLES_MS, type Growth, type Handles } from './resources.js';
import type { Verification } from './verify.js';

/** Everything a soak run produced, for its report. */
export interface SoakRun {
  startedAtIso: string;
  minutes: number;
  rate: number;
  seed: number;
  /** Chat's STREAM_RETENTION_SECONDS in this run. */
  streamRetentionSeconds: number;
  warmUpMs: number;
  machine: string;
  faults: Fault[];
  attempts: Attempted[];
  verification: Verification;
  growth: Growth[];
  handlesStart: Handles;
  handlesEnd: Handles;
  supervision: string[];
  ledgerPath: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (part: number, whole: number) => (whole === 0 ? '–' : `${((part / whole) * 100).toFixed(1)} %`);

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

const windowOf = (fault: Fault): [number, number] => [fault.killedAt, fault.recoveredAt ?? fault.killedAt + 120_000];

/** The writes: each sent with an Idempotency-Key, and retried as reads are. */
const WRITES = new Set(['create client', 'open practice', 'log interaction', 'remember fact', 'start conversation', 'send message']);

function rates(attempts: Attempted[]): string {
  const firstFailed = attempts.filter((attempt) => attempt.firstFailed).length;
  const reads = attempts.filter((attempt) => !WRITES.has(attempt.kind));
  const writes = attempts.filter((attempt) => WRITES.has(attempt.kind));
  const failed = (of: Attempted[]) => of.filter((attempt) => attempt.failed).length;
  return `${attempts.length} | ${pct(firstFailed, attempts.length)} | ${pct(failed(reads), reads.length)} of ${reads.length} | ${pct(failed(writes), writes.length)} of ${writes.length}`;
}

/** The run as Markdown: verdicts first, then the schedule, error rates, recovery, memory, handles. */
export function soakReport(run: SoakRun): string {
  const v = run.verification;
  const a = v.answers;
  const lines: string[] = [];
  const missing = Object.values(v.missing).reduce((sum, n) => sum + n, 0);
  const different = Object.values(v.different).reduce((sum, n) => sum + n, 0);
  const duplicated = Object.values(v.duplicated).reduce((sum, n) => sum + n, 0);
  lines.push(
    `## Soak ${run.startedAtIso}: ${run.minutes} min, RATE ${run.rate}/s, SEED ${run.seed}, STREAM_RETENTION_SECONDS ${run.streamRetentionSeconds}`,
    '',
  );
  lines.push(run.machine, '');
  lines.push('| check | result | must be |', '|---|---|---|');
  lines.push(`| acknowledged writes missing | ${missing} ${JSON.stringify(v.missing)} | 0 |`);
  lines.push(`| acknowledged writes different | ${different} ${JSON.stringify(v.different)} | 0 |`);
  lines.push(`| acknowledged writes written more than once | ${duplicated} ${JSON.stringify(v.duplicated)} | 0 |`);
  lines.push(`| answer tokens lost | ${a.tokensLost} | 0 |`);
  lines.push(`| answer tokens duplicated | ${a.tokensDuplicated} | 0 |`);
  lines.push(`| answer tokens out of order (gaps: ${a.gaps}) | ${a.tokensOutOfOrder} | 0 |`);
  lines.push(`| answers left STREAMING after the lease | ${a.streaming} | 0 |`);
  lines.push(`| user questions lost | ${a.userQuestionsLost} | 0 |`);
  lines.push(`| answers whose stream never ended at the client | ${a.notEnded} | 0 |`);
  lines.push(`| completed answers stored other than the model wrote | ${a.storedDiffers} | 0 |`);
  lines.push('');
  lines.push(
    `Acknowledged writes: ${JSON.stringify(v.acknowledged)}; not acknowledged (every retry with its Idempotency-Key failed for 20 s): ${JSON.stringify(v.unacknowledged)}, of which clients present all the same: ${v.unacknowledgedClientsPresent}.`,
  );
  lines.push(
    `Answers: ${a.total} (complete ${a.complete}, failed ${a.failed}, cancelled ${a.cancelled}, streaming ${a.streaming}); ${a.answersResumed} resumed with afterSeq, ${a.resumes} resumes in all. Failure reasons: ${JSON.stringify(a.failedReasons)}. Why subscriptions broke: ${JSON.stringify(a.breakReasons)}.`,
  );
  if (v.examples.length > 0) lines.push('', 'Examples:', ...v.examples.map((example) => `- ${example}`));
  lines.push('', '### Schedule that ran', '', '| # | kind | killed | at | pid → new pid | recovered after |', '|---|---|---|---|---|---|');
  run.faults.forEach((fault, index) => {
    lines.push(
      `| ${index + 1} | ${fault.kind} | ${fault.target} | ${seconds(fault.killedAt)} (planned ${seconds(fault.at)}) | ${String(fault.pid)} → ${String(fault.newPid)} | ${fault.recoveredAt === undefined ? 'NOT within 120 s' : seconds(fault.recoveredAt - fault.killedAt)} |`,
    );
  });
  lines.push('', '### Time to recover per fault kind', '', '| kind | faults | p50 | max | not recovered |', '|---|---|---|---|---|');
  const kinds = [...new Set(run.faults.map((fault) => fault.kind))];
  for (const kind of kinds) {
    const of = run.faults.filter((fault) => fault.kind === kind);
    const times = of.filter((fault) => fault.recoveredAt !== undefined).map((fault) => (fault.recoveredAt ?? 0) - fault.killedAt);
    lines.push(
      `| ${kind} | ${of.length} | ${seconds(quantile(times, 0.5))} | ${seconds(Math.max(...times))} | ${of.length - times.length} |`,
    );
  }
  lines.push(
    '',
    '### Error rate per fault window (kill → recovered)',
    '',
    'First try: the share of requests whose first attempt failed (what a client without retries sees). After retries: what the soak client finally got, for reads and for writes (each sent with an Idempotency-Key, so retried like a read: up to 20 s on either gateway, with the same key; a write still unanswered then is recorded as not acknowledged).',
    '',
    '| window | requests | failed first try | reads failed after retries | writes not acknowledged after retries |',
    '|---|---|---|---|---|',
  );
  const inWindow = (attempt: Attempted, fault: Fault) => {
    const [from, to] = windowOf(fault);
    return attempt.startedAt >= from && attempt.startedAt <= to;
  };
  const steady = run.attempts.filter(
    (attempt) => attempt.startedAt >= run.warmUpMs && !run.faults.some((fault) => inWindow(attempt, fault)),
  );
  lines.push(`| no fault (after warm-up) | ${rates(steady)} |`);
  for (const kind of kinds) {
    const of = run.faults.filter((fault) => fault.kind === kind);
    lines.push(
      `| ${kind} (${of.length} windows) | ${rates(run.attempts.filter((attempt) => of.some((fault) => inWindow(attempt, fault))))} |`,
    );
  }
  const failing = new Map<string, number>();
  for (const attempt of run.attempts)
    if (attempt.failed && attempt.error) failing.set(attempt.error.slice(0, 90), (failing.get(attempt.error.slice(0, 90)) ?? 0) + 1);
  const top = [...failing.entries()].sort((x, y) => y[1] - x[1]).slice(0, 8);
  if (top.length > 0) lines.push('', 'Most frequent final errors:', ...top.map(([error, n]) => `- ${n} × ${error}`));
  lines.push(
    '',
    "### Resident memory after warm-up (each process's longest run, a restarted one from a warm-up after its restart as long as the first; samples every 10 s; postgres: PSS summed over its processes)",
    '',
    'First and last: the means of the first and the last minute of the run. For the Node services, from their `/metrics` over the same minutes: the V8 heap as committed, of it the young generation (semi-spaces V8 grows as it sizes them), the objects living in the old generation (where a leak of objects accumulates), and the rest of RSS (code, buffers, native allocations).',
    '',
    '| process | pid | run | first → last (MB) | slope | growth | V8 heap committed | of it young generation | old generation used | rest of RSS |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  const span = (first: number, last: number) => `${first.toFixed(0)} → ${last.toFixed(0)}`;
  for (const growth of run.growth) {
    const heap = growth.heap;
    const split = heap
      ? [
          span(heap.first.totalMb, heap.last.totalMb),
          span(heap.first.newMb, heap.last.newMb),
          span(heap.first.oldUsedMb, heap.last.oldUsedMb),
          span(growth.firstMb - heap.first.totalMb, growth.lastMb - heap.last.totalMb),
        ].join(' | ')
      : '– | – | – | –';
    lines.push(
      `| ${growth.name} | ${growth.pid} | ${growth.minutes.toFixed(1)} min, ${growth.samples} samples | ${growth.firstMb.toFixed(0)} → ${growth.lastMb.toFixed(0)} | ${growth.slopeMbPerMin.toFixed(2)} MB/min | ${growth.growthPct.toFixed(1)} % | ${split} |`,
    );
  }
  lines.push(
    '',
    `### Handles at the start (after warm-up) and at the end (after the read-back and ${IDLE_BEFORE_HANDLES_MS / 1000} s idle, past the servers' ${KEEP_ALIVE_TIMEOUT_MS / 1000} s keep-alive)`,
    '',
    '| what | start | end |',
    '|---|---|---|',
  );
  const names = [...new Set([...Object.keys(run.handlesStart.fds), ...Object.keys(run.handlesEnd.fds)])] as (keyof Handles['fds'])[];
  for (const name of names)
    lines.push(`| open fds: ${name} | ${String(run.handlesStart.fds[name])} | ${String(run.handlesEnd.fds[name])} |`);
  lines.push(`| Redis clients (CLIENT LIST) | ${run.handlesStart.redisClients} | ${run.handlesEnd.redisClients} |`);
  lines.push(
    `| PostgreSQL connections (pg_stat_activity) | ${run.handlesStart.postgresConnections} | ${run.handlesEnd.postgresConnections} |`,
  );
  lines.push('', `Ledger: \`${run.ledgerPath}\`.`, '');
  lines.push('<details><summary>Supervision lines</summary>', '', '```', ...run.supervision, '```', '</details>', '');
  return lines.join('\n');
}
