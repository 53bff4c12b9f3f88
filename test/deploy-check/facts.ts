/** A platform service as the code defines it. */
export interface ServiceFacts {
  name: string;
  /** Its compiled entry point, relative to the repository root (packages/launcher/src/services.ts). */
  entry: string;
  /** The variable that sets its port. */
  portVariable: string;
  /** Every variable its config loader reads. */
  settings: ReadonlySet<string>;
  /** Its config loader: the port it would listen on, or a thrown one-line ConfigError. */
  load: (env: NodeJS.ProcessEnv) => { port: number };
}

/** What the deployment files must agree with, all of it read from the code. */
export interface CodeFacts {
  services: readonly ServiceFacts[];
  /** The liveness path every service serves. */
  healthPath: string;
  /** The Chroma server the knowledge subgraph talks to. */
  chroma: { port: number; healthPath: string };
  /** The npm workspaces of the root package.json. */
  workspaces: readonly string[];
  /** The npm commands `.ci/run` runs, in order. */
  ciCommands: readonly string[];
  /** Files a service reads at run time besides its dist/, relative to the repository root (the supergraph). */
  runtimeFiles: readonly string[];
  /** The launcher's restart budget (packages/launcher/src/supervision.ts), which Docker's and Fly's restart policies carry too. */
  restartLimit: number;
  /** The Node flags the launcher runs every service with (SERVICE_NODE_FLAGS in @nusa/platform), which the image and Fly run them with too. */
  nodeFlags: readonly string[];
}

/** The infrastructure a deployment provides, by the setting that points at it, with the port its image listens on. */
export const INFRASTRUCTURE: Record<string, { name: string; port: (facts: CodeFacts) => number }> = {
  DATABASE_URL: { name: 'postgres', port: () => 5432 },
  REDIS_URL: { name: 'redis', port: () => 6379 },
  CHROMA_URL: { name: 'chroma', port: (facts) => facts.chroma.port },
};

/** Settings whose values are secrets: a deployment file names them, never holds them. */
export const SECRET_SETTING = /SECRET|PASSWORD|API_KEY|TOKEN/;

/** The setting through which one service finds another: `CRM_URL` for crm. */
export const urlSetting = (service: string) => `${service.toUpperCase()}_URL`;

/**
 * The settings a service reads that a deployment must set: the address of every other platform
 * service (their defaults say localhost), PostgreSQL, and Chroma (unset, the knowledge subgraph would
 * start its own inside the container). REDIS_URL stays optional: unset means one instance.
 */
export function requiredSettings(service: ServiceFacts, facts: CodeFacts): string[] {
  const others = facts.services.filter((other) => other.name !== service.name).map((other) => urlSetting(other.name));
  return [...others, 'DATABASE_URL', 'CHROMA_URL'].filter((name) => service.settings.has(name));
}

/** A value that passes validation where the real one comes from the operator. */
export function placeholder(name: string): string {
  if (name === 'DATABASE_URL') return 'postgres://nusa:placeholder@postgres:5432/nusa';
  if (name === 'REDIS_URL') return 'redis://default:placeholder@redis:6379';
  if (/EMAIL/.test(name)) return 'admin@example.com';
  return 'placeholder'.repeat(5);
}

/** Host, port and password of a URL-shaped value; undefined for anything else. */
export function urlParts(value: string): { host: string; port: number | undefined; password: string | undefined } | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^:@/]*(?::([^@]*))?@)?([^:/?#]+)(?::(\d+))?/i.exec(value);
  if (!match?.[2]) return undefined;
  return { host: match[2], port: match[3] ? Number(match[3]) : undefined, password: match[1] };
}

/** The port a service's config settles on under `env`, or the one line it refuses with. */
export function loadPort(service: ServiceFacts, env: NodeJS.ProcessEnv): number | Error {
  try {
    return service.load(env).port;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
