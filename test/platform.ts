import { join } from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { postGraphQL, TEST_SECRETS, testRedisUrl, type GraphQLResult } from '@nusa/platform/testing';
import { startGateway, type GatewayHarness } from '../gateway/src/testing';
import { startChatInstance, type ChatInstance, type ChatInstanceOptions } from '../subgraphs/chat/src/testing';
import { startCrm, TEST_ADMIN, type CrmHarness, type CrmOptions } from '../subgraphs/crm/src/testing';
import { startKnowledge, type KnowledgeHarness } from '../subgraphs/knowledge/src/testing';
import { startMemoryService, type MemoryService, type MemoryServiceOptions } from '../subgraphs/memory/src/testing';

/**
 * The one place tests start several services together: each subgraph's own harness
 * (`subgraphs/<name>/src/testing.ts`) starts that subgraph alone, and these compose them, so no
 * subgraph's source imports another's.
 */
export { startCrm, startGateway, startKnowledge, startChatInstance, TEST_ADMIN, TEST_SECRETS, testRedisUrl };
export type { ChatInstance, ChatInstanceOptions, CrmHarness, GatewayHarness, KnowledgeHarness };

/** The committed supergraph. */
export const SUPERGRAPH = join(__dirname, '..', 'schema', 'supergraph.graphql');

/** The `login` mutation, for `{ email, password }`. */
export const LOGIN = 'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

/** A session token from `login` through the gateway at `url`, for the admin unless told whom; throws when sign-in fails. */
export async function signIn(url: string, credentials: { email: string; password: string } = TEST_ADMIN): Promise<string> {
  const login = await postGraphQL<{ login: { token: string } }>(url, LOGIN, credentials);
  const token = login.data?.login.token;
  if (!token) throw new Error(`login as ${credentials.email} failed: ${JSON.stringify(login.errors)}`);
  return token;
}

/** A memory subgraph on a fresh database, next to a CRM (which owns the clients) with demo data. */
export interface MemoryHarness extends MemoryService {
  crm: CrmHarness;
  /** The demo clients' ids, newest first. */
  clientIds: string[];
}

export interface MemoryOptions extends Omit<MemoryServiceOptions, 'crmUrl'> {
  /** Options of the CRM started next to it (demo data is always on). */
  crm?: Omit<CrmOptions, 'demoData'>;
}

/** A CRM with demo data and a memory subgraph beside it. */
export async function startMemory(label: string, options: MemoryOptions = {}): Promise<MemoryHarness> {
  const crm = await startCrm(`${label}_crm`, { ...options.crm, demoData: true });
  try {
    const memory = await startMemoryService(label, { ...options, crmUrl: crm.url });
    const rows = await crm.orm.em.getConnection().execute<{ id: string }[]>('select id from client order by created_at desc');
    return {
      ...memory,
      crm,
      clientIds: rows.map((row) => row.id),
      stop: async () => {
        await memory.stop();
        await crm.stop();
      },
    };
  } catch (error) {
    await crm.stop();
    throw error;
  }
}

export interface PlatformOptions extends ChatInstanceOptions {
  /** Start the knowledge subgraph (with its own Chroma); unset: answers are not grounded in passages. */
  knowledge?: boolean;
  /** Options of the CRM (its Redis for revocation markers, say). */
  crm?: Omit<CrmOptions, 'demoData'>;
  /** Options of the memory subgraph (its events through Redis, say). */
  memory?: Omit<MemoryOptions, 'crm'>;
}

/** CRM, memory, optionally knowledge, one chat instance and a gateway, with an admin signed in. */
export interface ChatPlatform {
  /** The subgraph URLs a chat instance uses. */
  urls: { crm: string; memory: string; knowledge: string };
  memory: MemoryHarness;
  knowledge: KnowledgeHarness | null;
  chat: ChatInstance;
  gateway: GatewayHarness;
  token: string;
  /** A GraphQL request through the gateway as the admin. */
  query: <TData = Record<string, unknown>>(text: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;
  /** A graphql-ws client of a gateway (default: the first), signed in as the admin unless `authorization` is given. */
  ws: (options?: { gateway?: GatewayHarness; authorization?: string | null }) => Client;
  /** Another chat instance on the same memory (give `redis` to share streams with the first). */
  addChat: (options?: ChatInstanceOptions) => Promise<ChatInstance>;
  /** Another gateway, in front of the given chat instance (or any chat URL). */
  addGateway: (chat: { url: string }, supergraphPath?: string) => Promise<GatewayHarness>;
  /** A new conversation about the first demo client. */
  conversation: () => Promise<string>;
  stop: () => Promise<void>;
}

export async function startChatPlatform(label: string, options: PlatformOptions = {}): Promise<ChatPlatform> {
  const memory = await startMemory(label, { ...options.memory, crm: options.crm });
  const knowledge = options.knowledge ? await startKnowledge(`${label}_kb`) : null;
  const urls = { crm: memory.crm.url, memory: memory.url, knowledge: knowledge?.url ?? 'http://127.0.0.1:9/graphql' };
  const chats: ChatInstance[] = [];
  const gateways: GatewayHarness[] = [];
  const addChat = async (instanceOptions: ChatInstanceOptions = options) => {
    const chat = await startChatInstance(urls, instanceOptions);
    chats.push(chat);
    return chat;
  };
  const addGateway = async (chat: { url: string }, supergraphPath = SUPERGRAPH) => {
    const gateway = await startGateway({
      supergraphPath,
      subgraphUrls: { crm: urls.crm, memory: urls.memory, knowledge: urls.knowledge, chat: chat.url },
      ...TEST_SECRETS,
    });
    gateways.push(gateway);
    return gateway;
  };
  const chat = await addChat(options);
  const gateway = await addGateway(chat);
  const token = await signIn(gateway.url);
  const clients: Client[] = [];
  const platform: ChatPlatform = {
    urls,
    memory,
    knowledge,
    chat,
    gateway,
    token,
    query: (text, variables) => postGraphQL(gateway.url, text, variables, { authorization: `Bearer ${token}` }),
    ws: ({ gateway: target = gateway, authorization = `Bearer ${token}` } = {}) => {
      const client = createClient({
        url: target.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: authorization === null ? {} : { authorization },
      });
      clients.push(client);
      return client;
    },
    addChat,
    addGateway,
    conversation: async () => {
      const started = await platform.query<{ startConversation: { id: string } }>(
        'mutation($c: ID!) { startConversation(input: { clientId: $c, title: "Stay permit questions" }) { id } }',
        { c: memory.clientIds[0] },
      );
      const id = started.data?.startConversation.id;
      if (!id) throw new Error(`startConversation failed: ${JSON.stringify(started.errors)}`);
      return id;
    },
    stop: async () => {
      await Promise.all(clients.map(async (client) => client.dispose()));
      for (const target of gateways) await target.stop();
      for (const instance of chats) await instance.stop();
      await knowledge?.stop();
      await memory.stop();
    },
  };
  return platform;
}

/** The events of one subscription, and a promise settled when it completes or fails. */
export interface Collected<T> {
  events: T[];
  errors: unknown[];
  done: Promise<void>;
  unsubscribe: () => void;
}

/** Subscribes with `client` and gathers every result's data under `field`. */
export function collect<T>(client: Client, query: string, variables: Record<string, unknown>, field = 'messageStream'): Collected<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  let unsubscribe: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    unsubscribe = client.subscribe<Record<string, T>>(
      { query, variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          const value = result.data?.[field];
          if (value) events.push(value);
        },
        error: (error) => {
          errors.push(error);
          resolve();
        },
        complete: () => resolve(),
      },
    );
  });
  return { events, errors, done, unsubscribe };
}
