import pg from 'pg';
import { IDENTITY_HEADER, Role, Scope, signIdentity, type Caller } from '@nusa/platform';
import { benchSecrets } from '../gateways.js';
import { freshIdentity, hiveIdentityHeaders } from '../identity.js';
import { graphqlData } from '../report.js';
import { BENCH_ADMIN_PASSWORD, type RealPlatform } from './platform.js';
import { fact, FIRST_NAMES, LAST_NAMES, NATIONALITIES, PLACES, random, TERMS, type Random } from './vocabulary.js';

/** The subgraphs a caller's requests reach. */
export const SUBGRAPHS = ['crm', 'memory', 'knowledge', 'chat'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** One caller of the benchmark: a signed-in team member or a partner's API key, as each target needs it. */
export interface BenchCaller {
  label: string;
  kind: 'member' | 'apiKey';
  /** `Authorization` for our gateway: the session token or the API key. */
  authorization: string;
  /** The identities a client of Hive Gateway sends, one per subgraph. */
  hiveHeaders: () => Record<string, string>;
  /** The identity a subgraph called directly expects from a gateway. */
  identity: (subgraph: SubgraphName) => Record<string, string>;
}

/** A practice the benchmark moves through its workflow, and whether a request on it is in flight. */
export interface TrackedPractice {
  id: string;
  status: string;
  busy: boolean;
}

/** What the load draws its variables from. */
export interface World {
  clientIds: string[];
  /** Each client's practice ids, to log an interaction about one of them. */
  practicesOf: Map<string, string[]>;
  /** Cursors of every position in the newest-first client list, to start a page anywhere. */
  cursors: string[];
  conversationIds: string[];
  /** Parts of client names, for the list's search filter. */
  nameParts: string[];
  practices: TrackedPractice[];
  callers: BenchCaller[];
}

const PRACTICE_TYPES = ['KITAS', 'KITAP', 'VISA', 'PT_PMA', 'TAX', 'PROPERTY', 'LEGAL'] as const;
const CHANNELS = ['WHATSAPP', 'EMAIL', 'PHONE', 'MEETING', 'NOTE'] as const;
const CLIENT_STATUSES = ['ACTIVE', 'ACTIVE', 'ACTIVE', 'LEAD', 'INACTIVE'] as const;
const DAY_MS = 86_400_000;

/** Runs `work` for 0..count-1 with at most `concurrency` at a time. */
async function pool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await work(index);
      }
    }),
  );
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

function summary(rng: Random): string {
  return `${rng.pick(['Called about', 'Sent documents for', 'Reminded of', 'Met to discuss', 'Emailed the checklist for'])} ${rng.pick(TERMS)}; next: ${rng.pick(TERMS)}`;
}

/**
 * Fills the platform as a busy agency would be: `clients` clients (besides the demo data), each with
 * 1-3 practices assigned across the team, 2-4 interactions, 1-2 conversations of 4-8 messages and
 * 2-4 remembered facts; every demo team member may sign in (with the admin's password), and signs
 * in; two partner API keys. Everything is written straight to the subgraphs, as the gateway would.
 */
export async function seedWorld(platform: RealPlatform, clients: number): Promise<World> {
  const { urls } = platform;
  const service = (audience: string) => ({
    [IDENTITY_HEADER]: signIdentity({ kind: 'service', name: 'bench' }, benchSecrets.INTERNAL_SECRET, audience),
  });
  // The demo team cannot sign in (a random password): give every member the admin's.
  const db = new pg.Client({ connectionString: platform.crmDatabaseUrl });
  await db.connect();
  try {
    await db.query(`update team_member set password_hash = (select password_hash from team_member where email = 'admin@localhost')`);
  } finally {
    await db.end();
  }
  const members = (
    await graphqlData<{ teamMembers: { id: string; name: string; email: string; role: Role }[] }>(
      urls.crm,
      service('crm'),
      '{ teamMembers { id name email role } }',
    )
  ).teamMembers;
  const callers: BenchCaller[] = [];
  const memberCallers: Caller[] = [];
  for (const member of members) {
    const login = await graphqlData<{ login: { token: string } }>(
      urls.crm,
      service('crm'),
      'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      { e: member.email, p: BENCH_ADMIN_PASSWORD },
    );
    const caller: Caller = { kind: 'member', id: member.id, role: member.role, name: member.name, email: member.email };
    memberCallers.push(caller);
    callers.push(describeCaller(`member ${member.name}`, 'member', `Bearer ${login.login.token}`, caller));
  }
  const admin = memberCallers.find((caller) => caller.kind === 'member' && caller.role === Role.ADMIN) ?? memberCallers[0];
  if (!admin) throw new Error('no team member to seed with');
  const asAdmin = (audience: SubgraphName) => freshIdentity(admin, benchSecrets.INTERNAL_SECRET, audience)();
  const scopes = [Scope.CrmRead, Scope.KnowledgeRead, Scope.Chat];
  for (const partner of ['Bali Villas integration', 'Relocation partner portal']) {
    const created = await graphqlData<{ createApiKey: { key: string; apiKey: { id: string; name: string } } }>(
      urls.crm,
      asAdmin('crm'),
      'mutation($n: String!) { createApiKey(input: { name: $n, scopes: [CRM_READ, KNOWLEDGE_READ, CHAT] }) { key apiKey { id name } } }',
      { n: partner },
    );
    const caller: Caller = { kind: 'apiKey', id: created.createApiKey.apiKey.id, role: Role.PARTNER, name: partner, scopes };
    callers.push(describeCaller(`partner ${partner}`, 'apiKey', `Bearer ${created.createApiKey.key}`, caller));
  }

  const rng = random(14);
  const memberIds = members.map((member) => member.id);
  const practices: TrackedPractice[] = [];
  const practicesOf = new Map<string, string[]>();
  const conversationIds: string[] = [];
  const started = performance.now();
  process.stdout.write(`seeding ${clients} clients ...\n`);
  await pool(clients, 12, async (index) => {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const author = memberCallers[index % memberCallers.length] ?? admin;
    const client = await graphqlData<{ createClient: { id: string } }>(
      urls.crm,
      asAdmin('crm'),
      'mutation($input: CreateClientInput!) { createClient(input: $input) { id } }',
      {
        input: {
          fullName: `${first} ${last} ${index + 1}`,
          email: `${first}.${last}.${index + 1}@example.com`.toLowerCase(),
          nationality: rng.pick(NATIONALITIES),
          status: rng.pick(CLIENT_STATUSES),
          notes: rng.chance(0.4) ? `Lives in ${rng.pick(PLACES)}; interested in ${rng.pick(TERMS)}` : null,
        },
      },
    );
    const clientId = client.createClient.id;
    // The crm's practices then interactions, memory's facts, and each conversation's messages, side by side.
    const crmSide = async () => {
      const practiceFields = Array.from(
        { length: rng.int(1, 3) },
        (_, at) =>
          `p${at}: openPractice(input: { clientId: $c, type: ${rng.pick(PRACTICE_TYPES)}, assigneeId: ${rng.chance(0.85) ? `"${rng.pick(memberIds)}"` : 'null'}, dueDate: "${day(rng.int(-10, 120))}", expiryDate: "${day(rng.int(30, 400))}" }) { id status }`,
      );
      const opened = await graphqlData<Record<string, { id: string; status: string }>>(
        urls.crm,
        asAdmin('crm'),
        `mutation($c: ID!) { ${practiceFields.join(' ')} }`,
        { c: clientId },
      );
      const ids = Object.values(opened).map((practice) => practice.id);
      practicesOf.set(clientId, ids);
      for (const practice of Object.values(opened)) practices.push({ id: practice.id, status: practice.status, busy: false });
      const interactions = Array.from({ length: rng.int(2, 4) }, (_, at) => {
        const practice = rng.chance(0.7) ? rng.pick(ids) : undefined;
        return `i${at}: logInteraction(input: { clientId: $c, ${practice ? `practiceId: "${practice}", ` : ''}channel: ${rng.pick(CHANNELS)}, summary: ${JSON.stringify(summary(rng))}, occurredAt: "${new Date(Date.now() - rng.int(1, 300) * DAY_MS).toISOString()}" }) { id }`;
      });
      await graphqlData(
        urls.crm,
        freshIdentity(author, benchSecrets.INTERNAL_SECRET, 'crm')(),
        `mutation($c: ID!) { ${interactions.join(' ')} }`,
        {
          c: clientId,
        },
      );
    };
    const facts = Array.from(
      { length: rng.int(2, 4) },
      (_, at) => `f${at}: rememberFact(input: { clientId: $c, content: ${JSON.stringify(fact(rng))} }) { id }`,
    );
    const conversation = async () => {
      const { startConversation } = await graphqlData<{ startConversation: { id: string } }>(
        urls.memory,
        asAdmin('memory'),
        'mutation($c: ID!, $t: String!) { startConversation(input: { clientId: $c, title: $t }) { id } }',
        { c: clientId, t: `${rng.pick(TERMS)} questions` },
      );
      conversationIds.push(startConversation.id);
      for (let message = rng.int(4, 8), at = 0; at < message; at += 1) {
        const response = await fetch(`${new URL(urls.memory).origin}/internal/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...service('memory') },
          body: JSON.stringify({
            conversationId: startConversation.id,
            role: at % 2 === 0 ? 'USER' : 'ASSISTANT',
            content:
              at % 2 === 0
                ? `What about ${rng.pick(TERMS)} for ${rng.pick(TERMS)}?`
                : `For ${rng.pick(TERMS)} you need ${rng.pick(TERMS)} and ${rng.pick(TERMS)}; it usually takes ${rng.int(2, 8)} weeks.`,
          }),
        });
        if (!response.ok) throw new Error(`appending a message failed: HTTP ${response.status} ${await response.text()}`);
        await response.text();
      }
    };
    await Promise.all([
      crmSide(),
      graphqlData(urls.memory, asAdmin('memory'), `mutation($c: ID!) { ${facts.join(' ')} }`, { c: clientId }),
      ...Array.from({ length: rng.int(1, 2) }, conversation),
    ]);
  });
  process.stdout.write(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

  // Every position of the newest-first list, so a page can start anywhere.
  const cursors: string[] = [];
  const clientIds: string[] = [];
  const nameParts = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page: { clients: { edges: { cursor: string; node: { id: string; fullName: string } }[]; pageInfo: { hasNextPage: boolean } } } =
      await graphqlData(
        urls.crm,
        asAdmin('crm'),
        'query($a: String) { clients(first: 100, after: $a) { edges { cursor node { id fullName } } pageInfo { hasNextPage } } }',
        { a: after },
      );
    for (const edge of page.clients.edges) {
      cursors.push(edge.cursor);
      clientIds.push(edge.node.id);
      for (const part of edge.node.fullName.split(' ')) if (/^\p{L}{3,}$/u.test(part)) nameParts.add(part.slice(0, 4).toLowerCase());
    }
    if (!page.clients.pageInfo.hasNextPage) break;
    after = page.clients.edges.at(-1)?.cursor ?? null;
  }
  return { clientIds, practicesOf, cursors, conversationIds, nameParts: [...nameParts], practices, callers };
}

function describeCaller(label: string, kind: BenchCaller['kind'], authorization: string, caller: Caller): BenchCaller {
  const signed = Object.fromEntries(
    SUBGRAPHS.map((subgraph) => [subgraph, freshIdentity(caller, benchSecrets.INTERNAL_SECRET, subgraph)]),
  ) as Record<SubgraphName, () => Record<string, string>>;
  return {
    label,
    kind,
    authorization,
    hiveHeaders: hiveIdentityHeaders(caller, benchSecrets.INTERNAL_SECRET, SUBGRAPHS),
    identity: (subgraph) => signed[subgraph](),
  };
}
