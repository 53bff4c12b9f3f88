import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SERVICES } from '../packages/launcher/src/services.js';
import { DEFAULT_RESTART_POLICY } from '../packages/launcher/src/supervision.js';
import { codeFacts } from './deploy-check/code-facts.js';
import { DEPLOY_FILES, deployFileProblems } from './deploy-check/index.js';
import { readToml } from './deploy-check/read-toml.js';

const root = join(__dirname, '..');
const facts = codeFacts(root);

/** The problems found in a copy of the deployment files where `file` has `from` replaced by `to`. */
function problemsAfter(file: string, from: string | RegExp, to: string): string[] {
  const copy = mkdtempSync(join(tmpdir(), 'deploy-files-'));
  try {
    for (const path of DEPLOY_FILES) {
      mkdirSync(dirname(join(copy, path)), { recursive: true });
      cpSync(join(root, path), join(copy, path));
    }
    const text = readFileSync(join(copy, file), 'utf8');
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`${file} does not contain ${String(from)}`);
    writeFileSync(join(copy, file), changed);
    return deployFileProblems(copy, facts);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

describe('the deployment files', () => {
  it('read their truth from the code: every service of the launcher, its config loader and its default port', () => {
    expect(facts.services.map((service) => service.name)).toEqual(SERVICES.map((service) => service.name));
    for (const service of facts.services) {
      const port = SERVICES.find((candidate) => candidate.name === service.name)?.port;
      expect(service.load({ DATABASE_URL: 'postgres://localhost/x' }).port).toBe(port);
      expect(service.settings).toContain(service.portVariable);
    }
    expect(facts.services.find((service) => service.name === 'chat')?.settings).toContain('ANTHROPIC_API_KEY');
    expect(facts.ciCommands).toContain('npm run schema:check');
    expect(facts.restartLimit).toBe(DEFAULT_RESTART_POLICY.restartLimit);
  });

  it('agree with the code: services, ports, environment variables, health paths, restart policies, CI steps', () => {
    expect(deployFileProblems(root, facts)).toEqual([]);
  });
});

describe('the deployment file check', () => {
  it('fails on a wrong port in docker-compose.yml', () => {
    expect(problemsAfter('docker-compose.yml', "- '127.0.0.1:4001:4001'", "- '127.0.0.1:4001:4011'")).toEqual([
      'compose: crm publishes container port 4011, but listens on 4001',
    ]);
    expect(problemsAfter('docker-compose.yml', 'CRM_URL: http://crm:4001/graphql', 'CRM_URL: http://crm:4010/graphql')).toContain(
      "compose: memory's CRM_URL uses port 4010, but crm listens on 4001",
    );
  });

  it('fails on a wrong port or health path in fly.toml', () => {
    expect(problemsAfter('fly.toml', 'port = 4002', 'port = 4020')).toEqual(['fly: the memory check checks port 4020, not 4002']);
    expect(problemsAfter('fly.toml', 'MEMORY_PORT = "4002"', 'MEMORY_PORT = "4020"')).toEqual(
      expect.arrayContaining([
        'fly: the memory check checks port 4002, not 4020',
        'fly: MEMORY_URL uses port 4002, but memory listens on 4020',
      ]),
    );
    expect(problemsAfter('fly.toml', /path = "\/health"(?![\s\S]*path = "\/health")/, 'path = "/healthz"')).toHaveLength(1);
  });

  it('fails on a variable no config reads, a missing one, and a secret written into the file', () => {
    expect(
      problemsAfter(
        'docker-compose.yml',
        'KNOWLEDGE_URL: http://knowledge:4003/graphql\n      CHAT_URL',
        'KNOWLEDGE_URI: http://knowledge:4003/graphql\n      CHAT_URL',
      ),
    ).toEqual(['compose: gateway sets KNOWLEDGE_URI, which its config does not read', 'compose: gateway does not set KNOWLEDGE_URL']);
    expect(
      problemsAfter('fly.toml', 'LOG_LEVEL = "info"', 'LOG_LEVEL = "info"\n  JWT_SECRET = "0123456789abcdef0123456789abcdef"'),
    ).toEqual(['fly: [env] holds JWT_SECRET; make it a fly secret']);
    expect(
      problemsAfter('docker-compose.yml', /JWT_SECRET: \$\{JWT_SECRET:\?set JWT_SECRET\}/, 'JWT_SECRET: 0123456789abcdef0123456789abcdef'),
    ).toEqual(['compose: crm holds a secret in JWT_SECRET; take it from the environment']);
  });

  it("fails on a service started without the launcher's Node flags, on Fly or in the image", () => {
    expect(problemsAfter('fly.toml', 'chat = "node --min-semi-space-size=16 ', 'chat = "node ')).toEqual([
      'fly: process chat does not run node --min-semi-space-size=16 subgraphs/chat/dist/index.js',
    ]);
    expect(problemsAfter('Dockerfile', 'exec node --min-semi-space-size=16 ', 'exec node ')).toEqual([
      'Dockerfile: CMD does not exec node --min-semi-space-size=16 "$SERVICE_ENTRY"',
    ]);
  });

  it("fails on a restart policy that is not the launcher's: crashes restarted, at most its restart budget", () => {
    expect(
      problemsAfter('docker-compose.yml', /restart: on-failure:5(?=\n\s+environment:\n\s+NODE_ENV)/, 'restart: unless-stopped'),
    ).toEqual(['compose: crm restarts "unless-stopped", not on-failure:5']);
    expect(
      problemsAfter('docker-compose.yml', /\n {4}restart: on-failure:5(?=\n {4}healthcheck:\n {6}test: \['CMD', 'redis-cli')/, ''),
    ).toEqual(['compose: redis restarts "no", not on-failure:5']);
    expect(problemsAfter('fly.toml', 'retries = 5', 'retries = 10')).toEqual(
      ['gateway', 'crm', 'memory', 'knowledge', 'chat', 'chroma'].map(
        (group) => `fly: process ${group} restarts with policy on-failure and 10 retries, not on-failure with 5`,
      ),
    );
    expect(problemsAfter('fly.toml', '"chat", "chroma"]', '"chat"]')).toEqual(['fly: process chroma has no [[restart]] policy']);
  });

  it('fails when the image build or CI leaves something out', () => {
    expect(problemsAfter('Dockerfile', /^COPY web\/package\.json web\/\n/m, '')).toEqual([
      'Dockerfile: web/package.json is not copied before npm ci (it is a workspace)',
    ]);
    expect(problemsAfter('.github/workflows/ci.yml', '      - run: npm run schema:check\n', '')).toEqual([
      'ci: does not run "npm run schema:check" after the steps before it (.ci/run does)',
    ]);
  });
});

describe('the TOML reading of fly.toml', () => {
  it('reads tables, arrays of tables and values, and refuses what it cannot read rather than misreading it', () => {
    expect(readToml('a = 1 # one\n[b]\n  c = "x # y"\n[[b.d]]\n  e = ["f", "g"]\n  t = true\n')).toEqual({
      a: 1,
      b: { c: 'x # y', d: [{ e: ['f', 'g'], t: true }] },
    });
    expect(() => readToml('a = { inline = 1 }', 'fly.toml')).toThrow('fly.toml:1: cannot read the value { inline = 1 }');
    expect(() => readToml('a = [\n  1,\n]', 'fly.toml')).toThrow('fly.toml:1: cannot read the value [');
  });
});
