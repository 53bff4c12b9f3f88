import { parse } from 'yaml';
import type { CodeFacts } from './facts.js';

/** Everything in the Dockerfile (and .dockerignore) that disagrees with the code, one line each. */
export function dockerfileProblems(dockerfile: string, dockerignore: string, facts: CodeFacts): string[] {
  const problems: string[] = [];
  const lines = dockerfile.split('\n').map((line) => line.trim());
  const stages = lines.flatMap((line, index) => {
    const from = /^FROM\s+(\S+)/i.exec(line);
    return from?.[1] ? [{ image: from[1], index }] : [];
  });
  const runtime = stages[stages.length - 1];
  // Chroma's native binding needs glibc >= 2.39: Debian 13 (trixie) has 2.41, Debian 12 only 2.36.
  if (!runtime || !/^node:\d+-trixie/.test(runtime.image))
    problems.push(`Dockerfile: the runtime image ${runtime?.image} is not node on Debian trixie`);
  const majors = new Set(stages.map((stage) => /^node:(\d+)/.exec(stage.image)?.[1]));
  if (majors.size > 1)
    problems.push(`Dockerfile: stages use different Node versions (${[...majors].join(', ')}); native modules are built for one`);

  const install = lines.findIndex((line) => /^RUN\s+npm ci\b/.test(line));
  for (const workspace of facts.workspaces) {
    const copied = lines.findIndex((line) => new RegExp(`^COPY\\s+${workspace}/package\\.json\\s`).test(line));
    if (copied < 0 || copied > install)
      problems.push(`Dockerfile: ${workspace}/package.json is not copied before npm ci (it is a workspace)`);
  }
  const runtimeCopies = lines.slice(runtime?.index ?? 0).filter((line) => /^COPY\s+--from=/.test(line));
  const needed = new Set(
    [...facts.services.map((service) => service.entry), ...facts.runtimeFiles].map((path) => path.split('/')[0] ?? path),
  );
  for (const folder of needed) {
    if (!runtimeCopies.some((line) => new RegExp(`\\s/app/${folder}\\s`).test(line)))
      problems.push(`Dockerfile: the runtime image lacks ${folder}/`);
  }
  if (!lines.some((line) => /^ARG\s+SERVICE\b/.test(line))) problems.push('Dockerfile: no SERVICE build argument');
  const command = ['node', ...facts.nodeFlags, '\\"$SERVICE_ENTRY\\"'].join(' ');
  const cmd = lines.filter((line) => /^CMD\s/.test(line)).pop();
  if (!cmd?.includes(`exec ${command}`)) problems.push(`Dockerfile: CMD does not exec ${command.replace(/\\/g, '')}`);
  for (const service of facts.services) {
    // The layouts the image's entry selection knows: gateway/ at the root, every subgraph under subgraphs/.
    const expected = service.name === 'gateway' ? 'gateway/dist/index.js' : `subgraphs/${service.name}/dist/index.js`;
    if (service.entry !== expected) problems.push(`Dockerfile: cannot start ${service.name} from ${service.entry}`);
  }
  const ignored = dockerignore.split('\n').map((line) => line.trim());
  for (const path of ['node_modules', '.data', '.env']) {
    if (!ignored.some((line) => line.replace(/^\*\*\//, '').replace(/\/$/, '') === path)) {
      problems.push(`.dockerignore: ${path} of the build machine would be copied into the image`);
    }
  }
  return problems;
}

interface Workflow {
  on?: Record<string, { branches?: string[]; workflows?: string[] } | null>;
  jobs?: Record<string, { services?: Record<string, { image?: string; ports?: string[]; options?: string }>; steps?: Step[] }>;
}
interface Step {
  run?: string;
  env?: Record<string, string>;
}

/** Everything in .github/workflows that disagrees with the code, one line each. */
export function workflowProblems(ciText: string, deployText: string, facts: CodeFacts): string[] {
  const problems: string[] = [];
  const ci = parse(ciText) as Workflow;
  const jobs = Object.values(ci.jobs ?? {});
  const job = jobs.find((candidate) => candidate.services?.postgres && candidate.services.redis);
  if (!job) return ['ci: no job with PostgreSQL and Redis service containers'];
  for (const [name, service] of Object.entries(job.services ?? {})) {
    if (!service.options?.includes('--health-cmd')) problems.push(`ci: the ${name} service has no health check`);
  }
  const steps = job.steps ?? [];
  const runs = steps.map((step) => step.run?.trim() ?? '');
  let from = 0;
  for (const command of facts.ciCommands) {
    const at = runs.indexOf(command, from);
    if (at < 0) problems.push(`ci: does not run "${command}" after the steps before it (.ci/run does)`);
    else from = at + 1;
  }
  const published = Object.values(job.services ?? {}).flatMap((service) =>
    (service.ports ?? []).map((port) => Number(String(port).split(':')[0])),
  );
  const testEnv = steps.find((step) => step.run?.trim() === 'npm test')?.env ?? {};
  for (const name of ['TEST_DATABASE_URL', 'TEST_REDIS_URL']) {
    const port = Number(/:(\d+)(\/|$)/.exec(testEnv[name] ?? '')?.[1]);
    if (!published.includes(port)) problems.push(`ci: npm test's ${name} does not point at a service container's port`);
  }

  const deploy = parse(deployText) as Workflow;
  const trigger = deploy.on ?? {};
  const onMain = [trigger.push, trigger.workflow_run].some((event) => event?.branches?.includes('main'));
  if (!onMain) problems.push('deploy: does not run for main');
  if (trigger.workflow_run && !trigger.workflow_run.workflows?.includes(String((ci as { name?: string }).name))) {
    problems.push('deploy: does not wait for the CI workflow');
  }
  const deploySteps = Object.values(deploy.jobs ?? {}).flatMap((candidate) => candidate.steps ?? []);
  if (!deploySteps.some((step) => step.run?.includes('flyctl deploy') && step.env?.FLY_API_TOKEN?.includes('secrets.FLY_API_TOKEN'))) {
    problems.push('deploy: no flyctl deploy step with the FLY_API_TOKEN secret');
  }
  return problems;
}
