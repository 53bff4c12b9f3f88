/** What the webhook tests share: a real receiver, the partner's verification recipe, and the admin operations. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CrmHarness } from '../testing.js';

/** What a receiver got: the raw body, as a partner must verify it, and the headers. */
export interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; occurredAt: string; data: Record<string, unknown> };
  answered: number;
}

/** A real HTTP receiver on a free port; `answer` picks the status of each request from what came before. */
export interface Receiver {
  url: string;
  received: Received[];
  close: () => Promise<void>;
}

export async function startReceiver(answer: (request: Received, before: Received[]) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { headers: request.headers, raw, body: JSON.parse(raw) as Received['body'], answered: 0 };
      entry.answered = answer(entry, [...received]);
      received.push(entry);
      response.writeHead(entry.answered, { 'content-type': 'text/plain' }).end(entry.answered < 300 ? 'thanks' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The partner guide's verification recipe, written out here independently of the crm's signing code. */
export function verify(secret: string, headers: IncomingHttpHeaders, raw: string, now = Date.now()): boolean {
  const timestamp = Number(headers['nusa-webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(now / 1000 - timestamp) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
  const given = Buffer.from(String(headers['nusa-webhook-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const CREATE_ENDPOINT = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`;
export const CREATE_CLIENT = 'mutation($input: CreateClientInput!) { createClient(input: $input) { id } }';
const DELIVERIES = `query($id: ID!) {
  webhookEndpoints { id enabled disabledReason consecutiveFailures }
  webhookDeliveries(endpointId: $id, first: 50) {
    totalCount
    edges { node { id createdAt status attemptCount eventId eventType entityType entityId occurredAt body resendOf deliveredAt nextAttemptAt
      attempts { number at statusCode responseBody durationMs error nextAttemptAt } } }
  }
}`;

export interface Attempt {
  number: number;
  at: string;
  statusCode: number | null;
  responseBody: string | null;
  error: string | null;
  nextAttemptAt: string | null;
}
export interface Delivery {
  id: string;
  createdAt: string;
  status: string;
  attemptCount: number;
  eventId: string;
  eventType: string;
  entityType: string;
  entityId: string;
  body: string;
  resendOf: string | null;
  attempts: Attempt[];
}
export interface Deliveries {
  webhookEndpoints: { id: string; enabled: boolean; disabledReason: string | null; consecutiveFailures: number }[];
  webhookDeliveries: { totalCount: number; edges: { node: Delivery }[] };
}

export async function register(crm: CrmHarness, url: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const result = await crm.as(crm.admin)<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(CREATE_ENDPOINT, {
    input: { url, eventTypes },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return { id: result.data.createWebhookEndpoint.endpoint.id, secret: result.data.createWebhookEndpoint.secret };
}

export async function createClient(crm: CrmHarness, fullName: string): Promise<string> {
  const result = await crm.as(crm.agent)<{ createClient: { id: string } }>(CREATE_CLIENT, { input: { fullName, nationality: 'NZ' } });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.createClient.id;
}

export async function deliveries(crm: CrmHarness, endpointId: string): Promise<Deliveries> {
  const result = await crm.as(crm.admin)<Deliveries>(DELIVERIES, { id: endpointId });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}
