import { parse } from 'yaml';
import { INFRASTRUCTURE, loadPort, placeholder, requiredSettings, SECRET_SETTING, urlParts, urlSetting, type CodeFacts } from './facts.js';

interface ComposeService {
  image?: string;
  build?: string | { context?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number)[];
  healthcheck?: { test?: string | string[] };
  restart?: string;
  depends_on?: string[] | Record<string, unknown>;
  volumes?: (string | { source?: string })[];
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Each variable as written: a string, or null for "pass through from the operator's shell if set". */
function environment(service: ComposeService): Map<string, string | null> {
  const entries = Array.isArray(service.environment)
    ? service.environment.map((line): [string, string | null] => {
        const at = line.indexOf('=');
        return at < 0 ? [line, null] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(service.environment ?? {}).map(([key, value]): [string, string | null] => [
        key,
        value === null ? null : String(value),
      ]);
  return new Map(entries);
}

const INTERPOLATION = /\$\$|\$\{([A-Za-z0-9_]+)(?:(:?[-?])([^}]*))?\}/g;

/** The value Compose would give, with required variables (`${X:?…}`, `${X}`) standing in as placeholders. */
function interpolate(value: string): string {
  return value.replace(INTERPOLATION, (whole, name: string | undefined, operator: string | undefined, fallback: string | undefined) => {
    if (whole === '$$') return '$';
    if (operator?.endsWith('-')) return fallback ?? '';
    return placeholder(name ?? '');
  });
}

/** A secret written into the file: a literal value, a literal default, or a literal password inside a URL. */
function heldSecret(name: string, raw: string): boolean {
  const literal = (text: string) =>
    text.replace(INTERPOLATION, (whole, _n, operator: string | undefined, fallback: string | undefined) =>
      operator?.endsWith('-') ? (fallback ?? '') : '',
    );
  if (SECRET_SETTING.test(name) && literal(raw) !== '') return true;
  const password = urlParts(raw)?.password;
  return password !== undefined && literal(password) !== '';
}

const dependsOn = (service: ComposeService) =>
  new Set(Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {}));
const containerPort = (entry: string | number) => Number(String(entry).split('/')[0]?.split(':').pop());
const healthTest = (service: ComposeService) =>
  Array.isArray(service.healthcheck?.test) ? service.healthcheck.test.join(' ') : (service.healthcheck?.test ?? '');
const healthUrls = (service: ComposeService) =>
  [...healthTest(service).matchAll(/:(\d+)(\/[A-Za-z0-9/_-]*)/g)].map((match) => ({ port: Number(match[1]), path: match[2] }));

/** Everything in docker-compose.yml that disagrees with the code, one line each. */
export function composeProblems(text: string, facts: CodeFacts): string[] {
  const problems: string[] = [];
  const file = parse(text) as ComposeFile;
  const services = file.services ?? {};
  const namedVolumes = new Set(Object.keys(file.volumes ?? {}));

  for (const [setting, dependency] of Object.entries(INFRASTRUCTURE)) {
    const service = services[dependency.name];
    if (!service?.image) problems.push(`compose: no ${dependency.name} service with an image (${setting} points at it)`);
    else if (!service.healthcheck?.test) problems.push(`compose: ${dependency.name} has no health check`);
  }
  for (const stateful of ['postgres', 'chroma']) {
    const volumes = (services[stateful]?.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? volume.split(':')[0] : volume.source,
    );
    if (!volumes.some((volume) => volume && namedVolumes.has(volume)))
      problems.push(`compose: ${stateful} keeps its data in no named volume`);
  }
  // The Chroma image has no HTTP client, so its check may speak HTTP over bash's /dev/tcp/<host>/<port>.
  const chromaHealth = healthTest(services.chroma ?? {});
  if (!new RegExp(`[:/]${facts.chroma.port}\\b`).test(chromaHealth) || !chromaHealth.includes(facts.chroma.healthPath)) {
    problems.push(`compose: chroma's health check does not ask :${facts.chroma.port}${facts.chroma.healthPath}`);
  }

  // The launcher's policy: crashes (a non-zero code, a signal) are restarted with a growing delay, up to a budget.
  const restart = `on-failure:${facts.restartLimit}`;
  for (const [name, service] of Object.entries(services)) {
    if (service.restart !== restart) problems.push(`compose: ${name} restarts ${JSON.stringify(service.restart ?? 'no')}, not ${restart}`);
  }

  const ports = new Map<string, number>();
  for (const service of facts.services) {
    const definition = services[service.name];
    if (!definition) {
      problems.push(`compose: no service ${service.name}`);
      continue;
    }
    const build = typeof definition.build === 'object' ? definition.build : undefined;
    if (build?.args?.SERVICE !== service.name)
      problems.push(`compose: ${service.name} is not built with --build-arg SERVICE=${service.name}`);
    const env = environment(definition);
    for (const [name, raw] of env) {
      if (!service.settings.has(name)) problems.push(`compose: ${service.name} sets ${name}, which its config does not read`);
      if (raw !== null && heldSecret(name, raw))
        problems.push(`compose: ${service.name} holds a secret in ${name}; take it from the environment`);
    }
    for (const name of requiredSettings(service, facts)) {
      if (!env.has(name)) problems.push(`compose: ${service.name} does not set ${name}`);
    }
    const resolved = Object.fromEntries([...env].flatMap(([name, raw]) => (raw === null ? [] : [[name, interpolate(raw)]])));
    if (resolved.NODE_ENV !== 'production') problems.push(`compose: ${service.name} does not run with NODE_ENV=production`);
    const port = loadPort(service, resolved);
    if (port instanceof Error) {
      problems.push(`compose: ${service.name}'s config refuses its environment: ${port.message}`);
      continue;
    }
    ports.set(service.name, port);
    for (const published of definition.ports ?? []) {
      if (containerPort(published) !== port)
        problems.push(`compose: ${service.name} publishes container port ${containerPort(published)}, but listens on ${port}`);
    }
    if (!healthUrls(definition).some((url) => url.port === port && url.path === facts.healthPath)) {
      problems.push(`compose: ${service.name}'s health check does not ask :${port}${facts.healthPath}`);
    }
  }

  // Every address a service is given must reach what it names, on the port that listens there.
  const listening = new Map<string, number>([
    ...ports,
    ...Object.values(INFRASTRUCTURE).map((d): [string, number] => [d.name, d.port(facts)]),
  ]);
  for (const service of facts.services) {
    const definition = services[service.name];
    if (!definition) continue;
    for (const [name, raw] of environment(definition)) {
      const target = raw === null ? undefined : urlParts(interpolate(raw));
      if (!target) continue;
      const expected = INFRASTRUCTURE[name]?.name ?? facts.services.find((other) => urlSetting(other.name) === name)?.name;
      if (expected && target.host !== expected)
        problems.push(`compose: ${service.name}'s ${name} points at ${target.host}, not ${expected}`);
      const port = listening.get(target.host);
      if (port === undefined) continue;
      if ((target.port ?? port) !== port)
        problems.push(`compose: ${service.name}'s ${name} uses port ${target.port}, but ${target.host} listens on ${port}`);
      if (!dependsOn(definition).has(target.host)) problems.push(`compose: ${service.name} uses ${target.host} but does not depend on it`);
    }
  }
  return problems;
}
