import type { SubgraphName, TrackedPractice, World } from './seed.js';
import { question, TERMS, type Random } from './vocabulary.js';

/** Sends one operation to one subgraph as the current caller and returns its data; throws on `errors`. */
export type SubgraphSend = (subgraph: SubgraphName, query: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** One operation of the workload: what the web app or a partner sends, and the same fetches straight at the subgraphs. */
export interface Operation {
  /** Its name for `--only`. */
  name: string;
  /** Its share in the mixed workload (0: only with `--only`). */
  weight: number;
  /** Team members only (the mutations: API keys are PARTNER, which may not write the CRM). */
  membersOnly?: boolean;
  /** What it is, for the results. */
  description: string;
  query: string;
  /** Fresh variables for one request. */
  variables: (rng: Random, world: World) => Record<string, unknown>;
  /** The subgraph fetches a gateway makes for it, sent straight (undefined: it has none, like `{ __typename }`). */
  direct?: (send: SubgraphSend, variables: Record<string, unknown>) => Promise<unknown>;
  /** After the answer (or its failure): mutations keep the world's state. */
  settle?: (variables: Record<string, unknown>, ok: boolean) => void;
}

const CLIENT_STATUSES = ['LEAD', 'ACTIVE', 'INACTIVE'] as const;
const PRACTICE_TYPES = ['KITAS', 'KITAP', 'VISA', 'PT_PMA', 'TAX', 'PROPERTY', 'LEGAL'] as const;
const PRACTICE_STATUSES = ['INQUIRY', 'DOCUMENTS_PENDING', 'SUBMITTED', 'IN_PROGRESS', 'APPROVED', 'COMPLETED', 'REJECTED'] as const;
const NATIONALITIES = ['AU', 'GB', 'US', 'DE', 'FR', 'NL', 'RU', 'IT', 'CA'] as const;
const CHANNELS = ['WHATSAPP', 'EMAIL', 'PHONE', 'MEETING', 'NOTE'] as const;
/** The loop the benchmark moves its practices along, so they never reach a final state: every step is legal. */
const NEXT_STATUS: Record<string, string> = {
  INQUIRY: 'DOCUMENTS_PENDING',
  DOCUMENTS_PENDING: 'SUBMITTED',
  SUBMITTED: 'IN_PROGRESS',
  IN_PROGRESS: 'REJECTED',
  REJECTED: 'DOCUMENTS_PENDING',
};

/** The fields of a client the crm answers in the client list (the web app's list plus the assignees). */
const listCrmFields = 'id fullName email nationality status practices { id type status assignee { id name } }';
/** The fields the memory subgraph adds to a listed client. */
const listMemoryFields =
  'conversations(first: 3) { totalCount edges { node { id title messageCount lastMessageAt } } } memoryFacts { id kind content }';
const detailCrmFields = `id fullName email phone nationality status notes
      practices { id type title status dueDate expiryDate allowedTransitions assignee { id name } }
      interactions { id channel summary occurredAt author { id name } practice { id title } }`;
const detailMemoryFields =
  'conversations(first: 20) { edges { node { id title messageCount lastMessageAt createdAt } } } memoryFacts { id kind content source validFrom }';
const messageFields = 'id seq role content status createdAt citations { documentId title collection chunkIndex }';

/** The memory subgraph's fields of some clients, as the gateway fetches them (`_entities`), merged into `nodes`. */
async function withMemory(send: SubgraphSend, nodes: Record<string, unknown>[], fields: string): Promise<void> {
  if (nodes.length === 0) return;
  const data = await send('memory', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { ${fields} } } }`, {
    r: nodes.map((node) => ({ __typename: 'Client', id: node.id })),
  });
  const entities = data._entities as Record<string, unknown>[];
  nodes.forEach((node, index) => Object.assign(node, entities[index]));
}

function clientFilter(rng: Random, world: World): Record<string, unknown> | null {
  switch (rng.int(0, 9)) {
    case 0:
      return { status: rng.pick(CLIENT_STATUSES) };
    case 1:
      return { nationality: rng.pick(NATIONALITIES) };
    case 2:
      return { practiceType: rng.pick(PRACTICE_TYPES) };
    case 3:
      return { practiceStatus: rng.pick(PRACTICE_STATUSES) };
    case 4:
      return { search: rng.pick(world.nameParts) };
    case 5:
      return { status: 'ACTIVE', practiceType: rng.pick(PRACTICE_TYPES) };
    default:
      return null;
  }
}

/** A page start: the first page half the time (what people open most), else anywhere in the list. */
function pageStart(rng: Random, world: World): string | null {
  return rng.chance(0.5) ? null : rng.pick(world.cursors);
}

export const operations: Operation[] = [
  {
    name: 'clientList',
    weight: 30,
    description:
      "the web app's client list (first 10-50, after anywhere, filters by status, nationality, practice type/status or name) with practices, assignees, 3 conversations and memory facts per client",
    query: `query ClientList($first: Int, $after: String, $filter: ClientFilter) {
  clients(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${listCrmFields} ${listMemoryFields} } }
  }
}`,
    variables: (rng, world) => ({ first: rng.int(10, 50), after: pageStart(rng, world), filter: clientFilter(rng, world) }),
    direct: async (send, variables) => {
      const data = await send(
        'crm',
        `query($first: Int, $after: String, $filter: ClientFilter) { clients(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${listCrmFields} } } } }`,
        variables,
      );
      const edges = (data.clients as { edges: { node: Record<string, unknown> }[] }).edges;
      await withMemory(
        send,
        edges.map((edge) => edge.node),
        listMemoryFields,
      );
      return data;
    },
  },
  {
    name: 'clientPage',
    weight: 10,
    description: 'a partner-style crm page: `clients(first: 30-50, after)` with practices and assignees (crm only)',
    query: `query CrmClientPage($first: Int, $after: String) {
  clients(first: $first, after: $after) { edges { node { id fullName status practices { type status assignee { name } } } } }
}`,
    variables: (rng, world) => ({ first: rng.int(30, 50), after: pageStart(rng, world) }),
    direct: (send, variables) =>
      send(
        'crm',
        'query($first: Int, $after: String) { clients(first: $first, after: $after) { edges { node { id fullName status practices { type status assignee { name } } } } } }',
        variables,
      ),
  },
  {
    name: 'client',
    weight: 15,
    description: 'one client (any of them) with practices, allowed transitions, assignees, interactions, 20 conversations and facts',
    query: `query ClientDetail($id: ID!) {
  client(id: $id) { ${detailCrmFields} ${detailMemoryFields} }
}`,
    variables: (rng, world) => ({ id: rng.pick(world.clientIds) }),
    direct: async (send, variables) => {
      const data = await send('crm', `query($id: ID!) { client(id: $id) { ${detailCrmFields} } }`, variables);
      await withMemory(send, data.client ? [data.client as Record<string, unknown>] : [], detailMemoryFields);
      return data;
    },
  },
  {
    name: 'conversation',
    weight: 12,
    description: "a conversation's last 5-50 messages with its client's name (the web app's chat screen)",
    query: `query ChatConversation($id: ID!, $last: Int) {
  conversation(id: $id) {
    id title messageCount client { id fullName }
    messages(last: $last) { totalCount edges { node { ${messageFields} } } }
  }
}`,
    variables: (rng, world) => ({ id: rng.pick(world.conversationIds), last: rng.int(5, 50) }),
    direct: async (send, variables) => {
      const data = await send(
        'memory',
        `query($id: ID!, $last: Int) { conversation(id: $id) { id title messageCount client { id } messages(last: $last) { totalCount edges { node { ${messageFields} } } } } }`,
        variables,
      );
      const client = (data.conversation as { client: Record<string, unknown> | null } | null)?.client;
      if (client) {
        const names = await send('crm', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { fullName } } }', {
          r: [{ __typename: 'Client', id: client.id }],
        });
        Object.assign(client, (names._entities as unknown[])[0]);
      }
      return data;
    },
  },
  {
    name: 'search',
    weight: 12,
    description: 'knowledge search with a different question every time (uncached), HYBRID mostly, 5-10 hits with citations',
    query: `query SearchKnowledge($query: String!, $mode: SearchMode, $limit: Int) {
  searchKnowledge(query: $query, mode: $mode, limit: $limit) {
    score text citation { documentId title source collection chunkIndex headingPath }
  }
}`,
    variables: (() => {
      const asked = new Set<string>();
      return (rng: Random) => {
        let text = question(rng);
        // Never the same text twice in a run: every search misses the cache.
        while (asked.has(text)) text = `${question(rng)} ${rng.pick(TERMS)}`;
        asked.add(text);
        return { query: text, mode: rng.chance(0.8) ? 'HYBRID' : rng.pick(['VECTOR', 'KEYWORD']), limit: rng.int(5, 10) };
      };
    })(),
    direct: (send, variables) =>
      send(
        'knowledge',
        'query($query: String!, $mode: SearchMode, $limit: Int) { searchKnowledge(query: $query, mode: $mode, limit: $limit) { score text citation { documentId title source collection chunkIndex headingPath } } }',
        variables,
      ),
  },
  {
    name: 'deadlines',
    weight: 6,
    description: '`upcomingDeadlines(withinDays: 3-30)` with client names and assignees',
    query: `query UpcomingDeadlines($withinDays: Int!) {
  upcomingDeadlines(withinDays: $withinDays) { id type title status dueDate expiryDate client { id fullName } assignee { id name } }
}`,
    variables: (rng) => ({ withinDays: rng.int(3, 30) }),
    direct: (send, variables) =>
      send(
        'crm',
        'query($withinDays: Int!) { upcomingDeadlines(withinDays: $withinDays) { id type title status dueDate expiryDate client { id fullName } assignee { id name } } }',
        variables,
      ),
  },
  {
    name: 'catalog',
    weight: 5,
    description: '`serviceCatalog` for one practice type or all',
    query: `query ServiceCatalog($type: PracticeType) {
  serviceCatalog(type: $type) { code type name description priceIdr typicalDurationDays requiredDocuments }
}`,
    variables: (rng) => ({ type: rng.chance(0.2) ? null : rng.pick(PRACTICE_TYPES) }),
    direct: (send, variables) =>
      send(
        'crm',
        'query($type: PracticeType) { serviceCatalog(type: $type) { code type name description priceIdr typicalDurationDays requiredDocuments } }',
        variables,
      ),
  },
  {
    name: 'logInteraction',
    weight: 6,
    membersOnly: true,
    description: '`logInteraction` on any client, about one of its practices 60% of the time',
    query: `mutation LogInteraction($input: LogInteractionInput!) {
  logInteraction(input: $input) { id channel summary occurredAt practice { id status } author { id name } }
}`,
    variables: (rng, world) => {
      const clientId = rng.pick(world.clientIds);
      const practices = world.practicesOf.get(clientId) ?? [];
      return {
        input: {
          clientId,
          practiceId: practices.length > 0 && rng.chance(0.6) ? rng.pick(practices) : null,
          channel: rng.pick(CHANNELS),
          summary: `${rng.pick(['Called about', 'Sent', 'Reminded of', 'Discussed'])} ${rng.pick(TERMS)} (${rng.int(1, 1_000_000)})`,
        },
      };
    },
    direct: (send, variables) =>
      send(
        'crm',
        'mutation($input: LogInteractionInput!) { logInteraction(input: $input) { id channel summary occurredAt practice { id status } author { id name } } }',
        variables,
      ),
  },
  (() => {
    const pending = new Map<string, TrackedPractice>();
    const operation: Operation = {
      name: 'updatePracticeStatus',
      weight: 3,
      membersOnly: true,
      description: "`updatePracticeStatus` one legal step along a practice's workflow (never two at once on one practice)",
      query: `mutation UpdatePracticeStatus($id: ID!, $status: PracticeStatus!) {
  updatePracticeStatus(id: $id, status: $status) { id status statusChangedAt allowedTransitions }
}`,
      variables: (rng, world) => {
        let practice = rng.pick(world.practices);
        for (let tries = 0; practice.busy && tries < 20; tries += 1) practice = rng.pick(world.practices);
        practice.busy = true;
        pending.set(practice.id, practice);
        return { id: practice.id, status: NEXT_STATUS[practice.status] ?? 'CANCELLED' };
      },
      direct: (send, variables) =>
        send(
          'crm',
          'mutation($id: ID!, $status: PracticeStatus!) { updatePracticeStatus(id: $id, status: $status) { id status statusChangedAt allowedTransitions } }',
          variables,
        ),
      settle: (variables, ok) => {
        const practice = pending.get(String(variables.id));
        if (!practice) return;
        pending.delete(practice.id);
        practice.busy = false;
        if (ok) practice.status = String(variables.status);
      },
    };
    return operation;
  })(),
  {
    name: 'typename',
    weight: 0,
    description: '`{ __typename }`: the gateway alone, no subgraph fetch',
    query: '{ __typename }',
    variables: () => ({}),
  },
];
