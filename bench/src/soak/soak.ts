import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseSettings, runMain } from '@nusa/platform';
import { root } from '../processes.js';
import { AnswerStreams } from './answers.js';
import { planFaults, probes, runFault, FAULT_KINDS, type Fault } from './chaos.js';
import { SoakClient, type Attempted } from './client.js';
import { startSoakModel } from './fake-model.js';
import { Ledger } from './ledger.js';
import { startSoakPlatform } from './platform.js';
import { Random } from './random.js';
import { soakReport } from './report.js';
import { growthAfter, IDLE_BEFORE_HANDLES_MS, measureHandles, sampleMemory, type RssSample } from './resources.js';
import { verify } from './verify.js';
import { Workload } from './workload.js';

const write = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

runMain(async () => {
  const settings = parseSettings({
    SOAK_MINUTES: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(10),
    /** Operations started per second, over both gateways. */
    RATE: z.coerce.number().positive().max(200).default(6),
    SEED: z.coerce.number().int().min(0).default(20),
    /**
     * How long chat keeps a finished answer's token stream in Redis. Shorter than the run, so that
     * the retained streams reach their bound within it and Redis's growth after the warm-up measures
     * leaks, not an hour's window still filling (the platform's default is 3600).
     */
    STREAM_RETENTION_SECONDS: z.coerce.number().int().min(1).default(120),
  });
  const minutes = settings.SOAK_MINUTES;
  const durationMs = minutes * 60_000;
  const warmUpMs = Math.min(60_000, durationMs * 0.1);
  const tailMs = Math.min(60_000, durationMs * 0.1);
  // Each fault kind twice in 10 minutes, scaled to the length of the run (at least once).
  const repeats = Math.max(1, Math.round(minutes / 5));
  const random = new Random(settings.SEED);
  const schedule = planFaults(random, durationMs, warmUpMs, tailMs, repeats);

  const startedAtIso = new Date().toISOString();
  const stamp = startedAtIso.replace(/[:.]/g, '-');
  const resultsDir = join(root, 'bench', 'results');
  const logDir = join(resultsDir, `soak-${stamp}`);
  mkdirSync(logDir, { recursive: true });
  const ledgerPath = join(resultsDir, `soak-${stamp}-ledger.json`);
  const ledger = new Ledger(ledgerPath);
  const dataDir = mkdtempSync(join(tmpdir(), 'nusa-soak-'));
  // PostgreSQL runs as the postgres user when the launcher runs as root: it must reach its data.
  chmodSync(dataDir, 0o755);
  write(
    `soak: ${minutes} min at ${settings.RATE} operations/s, seed ${settings.SEED}; ${schedule.length} faults (${FAULT_KINDS.join(', ')} × ${repeats}); logs in ${logDir}`,
  );

  const model = await startSoakModel();
  write('starting the platform (launcher with embedded PostgreSQL, 4 subgraphs, gateway a; Redis, Chroma, gateway b) ...');
  const platform = await startSoakPlatform({
    dataDir,
    logDir,
    anthropicBaseUrl: model.baseUrl,
    streamRetentionSeconds: settings.STREAM_RETENTION_SECONDS,
    log: (line) => write(line),
  });
  const t0 = performance.now();
  const clock = () => performance.now() - t0;
  const attempts: Attempted[] = [];
  const client = new SoakClient({
    gateways: platform.gateways,
    clock,
    record: (attempt) => attempts.push(attempt),
    signIn: async (url) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation { login(email: "admin@localhost", password: "admin") { token } }' }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as { data?: { login?: { token: string } } };
      const token = body.data?.login?.token;
      if (!token) throw new Error(`login failed: ${JSON.stringify(body)}`);
      return token;
    },
  });
  const answers = new AnswerStreams(platform.gateways, () => client.authorization(), clock);
  const workload = new Workload(client, ledger, answers, random, settings.SEED, clock);
  const rss: RssSample[] = [];
  const faults: Fault[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const ledgerSaver = setInterval(() => ledger.save(), 30_000);
  try {
    await workload.prepare(16);
    // One answer before any fault: the pipeline works, and the chat probe has a message to ask about.
    await workload.run('send message', 0);
    const probeMessage = ledger.of('message')[0];
    if (!probeMessage) throw new Error('the first question was not acknowledged');
    const checks = probes(platform, client, { conversationId: probeMessage.conversationId, messageId: probeMessage.assistantMessageId });
    write(`prepared: ${workload.clientIds.length} clients, ${workload.conversations.length} conversations; workload starts`);

    const sample = () => void sampleMemory(platform, clock()).then((samples) => rss.push(...samples));
    sampler = setInterval(sample, 10_000);
    sample();
    let inFlight = 0;
    let shed = 0;
    let started = 0;
    const running = new Set<Promise<void>>();
    const intervalMs = 1000 / settings.RATE;
    const drive = (async () => {
      for (let index = 0; clock() < durationMs; index += 1) {
        const due = index * intervalMs;
        if (due > clock()) await sleep(due - clock());
        if (inFlight >= 64) {
          shed += 1;
          continue;
        }
        inFlight += 1;
        started += 1;
        const operation = workload.pickOperation();
        const run: Promise<void> = workload
          .run(operation, index % 2)
          .catch((error: unknown) => {
            write(`operation ${operation} threw: ${String(error)}`);
          })
          .finally(() => {
            inFlight -= 1;
            running.delete(run);
          });
        running.add(run);
      }
    })();

    await sleep(Math.max(0, warmUpMs - clock()));
    const handlesStart = await measureHandles(platform);
    const chaos = (async () => {
      for (const planned of schedule) {
        if (planned.at > clock()) await sleep(planned.at - clock());
        faults.push(await runFault(planned, platform, checks[planned.target], clock, write));
      }
    })();
    const progress = setInterval(
      () =>
        write(
          `progress: ${(clock() / 60_000).toFixed(1)} min, ${started} operations (${shed} shed), ${inFlight} in flight, ${answers.open} answers streaming, ${ledger.acknowledged.length} acknowledged writes, ${attempts.filter((attempt) => attempt.failed).length} failed requests`,
        ),
      30_000,
    );
    await drive;
    await chaos;
    clearInterval(progress);
    write(`workload done: ${started} operations, ${shed} shed; waiting for ${running.size} operations and ${answers.open} answers`);
    await Promise.all([...running]);
    await answers.settled();
    // A message whose generator died is failed by a sweeper after two leases (15 s each): wait them out.
    const lastFault = Math.max(...faults.map((fault) => fault.recoveredAt ?? fault.killedAt));
    await sleep(Math.max(0, lastFault + 50_000 - clock()));
    write('reading everything back ...');
    const verification = await verify(client, ledger, answers.watches);
    clearInterval(sampler);
    await answers.dispose();
    // Idle for longer than an idle pooled connection lives: the read-back's own connections to the gateway, and
    // the gateway's to the subgraphs, close when the servers' keep-alive (which their clients follow) ends.
    await sleep(IDLE_BEFORE_HANDLES_MS);
    const handlesEnd = await measureHandles(platform);
    const report = soakReport({
      startedAtIso,
      minutes,
      rate: settings.RATE,
      seed: settings.SEED,
      streamRetentionSeconds: settings.STREAM_RETENTION_SECONDS,
      warmUpMs,
      machine: `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), shared with other sessions' work; load average at the end ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}. ${started} operations started, ${shed} shed (64 in flight).`,
      faults,
      attempts,
      verification,
      growth: growthAfter(rss, warmUpMs),
      handlesStart,
      handlesEnd,
      supervision: platform.supervisionLines(),
      ledgerPath: ledgerPath.slice(root.length + 1),
    });
    ledger.save({ faults, verification, rss, attempts });
    writeFileSync(join(logDir, 'report.md'), report);
    appendFileSync(join(root, 'bench', 'RESULTS.md'), `\n${report}`);
    process.stdout.write(`\n${report}\n`);
  } finally {
    clearInterval(ledgerSaver);
    clearInterval(sampler);
    ledger.save({ faults });
    await platform.stop();
    await model.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
