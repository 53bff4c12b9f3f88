import { INFRASTRUCTURE, loadPort, placeholder, requiredSettings, SECRET_SETTING, urlParts, urlSetting, type CodeFacts } from './facts.js';
import { readToml, type TomlTable, type TomlValue } from './read-toml.js';

const table = (value: TomlValue | undefined): TomlTable =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
const tables = (value: TomlValue | undefined): TomlTable[] => (Array.isArray(value) ? value.map(table) : []);
/** A value as text for a message or a comparison; tables and arrays as JSON. */
const shown = (value: TomlValue | undefined): string => (typeof value === 'object' ? JSON.stringify(value) : String(value));
const strings = (value: TomlValue | undefined): string[] => (Array.isArray(value) ? value.map(shown) : []);

/** Fly's health-check cadence for every process, modelled on the system this platform replaces. */
const CADENCE = { interval: '30s', timeout: '5s' };

/** The names the header's `fly secrets set NAME=…` lines give the operator to set. */
function documentedSecrets(text: string): Set<string> {
  const lines = text.split('\n').filter((line) => line.trimStart().startsWith('#') && line.includes('fly secrets set'));
  return new Set(lines.flatMap((line) => [...line.matchAll(/\b([A-Z][A-Z0-9_]*)=/g)].map((match) => match[1] ?? '')));
}

function checkProblems(check: TomlTable, where: string, port: number | undefined, path: string): string[] {
  const problems: string[] = [];
  if (port !== undefined && check.port !== port) problems.push(`fly: ${where} checks port ${shown(check.port)}, not ${port}`);
  if (check.path !== path) problems.push(`fly: ${where} checks ${shown(check.path)}, not ${path}`);
  if (check.interval !== CADENCE.interval || check.timeout !== CADENCE.timeout) {
    problems.push(`fly: ${where} checks every ${shown(check.interval)} with a ${shown(check.timeout)} timeout, not every 30s with 5s`);
  }
  return problems;
}

/** Everything in fly.toml that disagrees with the code, one line each. */
export function flyProblems(text: string, facts: CodeFacts): string[] {
  const problems: string[] = [];
  const fly = readToml(text, 'fly.toml');
  const app = shown(fly.app);
  if (fly.primary_region !== 'sin') problems.push(`fly: primary_region is ${shown(fly.primary_region)}, not sin`);
  if (fly.kill_timeout !== 30 && fly.kill_timeout !== '30s') problems.push(`fly: kill_timeout is ${shown(fly.kill_timeout)}, not 30 s`);
  if (table(fly.deploy).strategy !== 'rolling') problems.push('fly: deploys are not rolling');

  const processes = table(fly.processes);
  const env = Object.fromEntries(Object.entries(table(fly.env)).map(([key, value]) => [key, shown(value)]));
  const secrets = documentedSecrets(text);
  const everySetting = new Set(facts.services.flatMap((service) => [...service.settings]));
  for (const name of Object.keys(env)) {
    if (!everySetting.has(name)) problems.push(`fly: [env] sets ${name}, which no service's config reads`);
    if (SECRET_SETTING.test(name) || urlParts(env[name] ?? '')?.password) problems.push(`fly: [env] holds ${name}; make it a fly secret`);
  }

  const checks = Object.values(table(fly.checks)).map(table);
  const ports = new Map<string, number>([['chroma', facts.chroma.port]]);
  for (const service of facts.services) {
    const command = ['node', ...facts.nodeFlags, service.entry].join(' ');
    if (processes[service.name] !== command) problems.push(`fly: process ${service.name} does not run ${command}`);
    for (const name of requiredSettings(service, facts)) {
      if (!(name in env) && !secrets.has(name))
        problems.push(`fly: ${service.name} needs ${name}, in [env] or among the documented secrets`);
    }
    const withSecrets = { ...Object.fromEntries([...secrets].map((name) => [name, placeholder(name)])), ...env };
    const port = loadPort(service, Object.fromEntries(Object.entries(withSecrets).filter(([name]) => service.settings.has(name))));
    if (port instanceof Error) {
      problems.push(`fly: ${service.name}'s config refuses [env] and the documented secrets: ${port.message}`);
      continue;
    }
    ports.set(service.name, port);
    if (service.name === 'gateway') {
      const http = table(fly.http_service);
      if (http.internal_port !== port)
        problems.push(`fly: http_service.internal_port is ${shown(http.internal_port)}, the gateway listens on ${port}`);
      if (!strings(http.processes).includes('gateway')) problems.push('fly: http_service does not serve the gateway process');
      const check = tables(http.checks)[0];
      problems.push(
        ...(check ? checkProblems(check, 'http_service', undefined, facts.healthPath) : ['fly: the gateway has no health check']),
      );
      continue;
    }
    const check = checks.find((candidate) => strings(candidate.processes).includes(service.name));
    problems.push(
      ...(check ? checkProblems(check, `the ${service.name} check`, port, facts.healthPath) : [`fly: ${service.name} has no health check`]),
    );
  }
  if (env.NODE_ENV !== 'production') problems.push('fly: [env] does not set NODE_ENV=production');

  // Chroma: the chromadb package's own server, on the port the knowledge subgraph expects, data on a volume.
  const chroma = shown(processes.chroma ?? '');
  const dataPath = /--path\s+(\S+)/.exec(chroma)?.[1];
  if (!new RegExp(`--port\\s+${facts.chroma.port}\\b`).test(chroma))
    problems.push(`fly: the chroma process does not listen on ${facts.chroma.port}`);
  // Fly's private network (<group>.process.<app>.internal) is IPv6.
  if (!/--host\s+::(\s|$)/.test(chroma)) problems.push('fly: the chroma process does not listen on :: (the private network is IPv6)');
  const mount = tables(fly.mounts).find((candidate) => strings(candidate.processes).includes('chroma'));
  if (!mount || !dataPath?.startsWith(shown(mount.destination))) problems.push('fly: chroma keeps its data on no volume');
  const chromaCheck = checks.find((candidate) => strings(candidate.processes).includes('chroma'));
  problems.push(
    ...(chromaCheck
      ? checkProblems(chromaCheck, 'the chroma check', facts.chroma.port, facts.chroma.healthPath)
      : ['fly: chroma has no health check']),
  );

  // The launcher's policy: crashes (a non-zero code, a signal) are restarted, up to a budget; exit 0 is a stop.
  const restarts = tables(fly.restart);
  for (const group of Object.keys(processes)) {
    const policy = restarts.find((candidate) => strings(candidate.processes).includes(group));
    if (!policy) problems.push(`fly: process ${group} has no [[restart]] policy`);
    else if (policy.policy !== 'on-failure' || policy.retries !== facts.restartLimit)
      problems.push(
        `fly: process ${group} restarts with policy ${shown(policy.policy)} and ${shown(policy.retries)} retries, not on-failure with ${facts.restartLimit}`,
      );
  }

  for (const [name, value] of Object.entries(env)) {
    const target = urlParts(value);
    const group = target && new RegExp(`^([a-z0-9-]+)\\.process\\.${app}\\.internal$`).exec(target.host)?.[1];
    if (!target || !group) continue;
    const expected = INFRASTRUCTURE[name]?.name ?? facts.services.find((service) => urlSetting(service.name) === name)?.name;
    if (expected && group !== expected) problems.push(`fly: ${name} points at process ${group}, not ${expected}`);
    const port = ports.get(group);
    if (!(group in processes)) problems.push(`fly: ${name} points at process ${group}, which fly.toml does not run`);
    else if (port !== undefined && target.port !== port)
      problems.push(`fly: ${name} uses port ${String(target.port)}, but ${group} listens on ${port}`);
  }
  return problems;
}
