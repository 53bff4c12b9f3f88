import type { GatewayHarness } from '../gateway/src/testing';

/** Open client subscriptions of one kind of caller through `gateway`, from its metrics. */
export async function openSubscriptionsOf(gateway: GatewayHarness, kind: string): Promise<number> {
  const metrics = await (await fetch(`${gateway.origin}/metrics`)).text();
  const line = new RegExp(`^gateway_open_client_subscriptions\\{[^}]*caller_kind="${kind}"[^}]*\\} (\\d+)$`, 'm').exec(metrics);
  return Number(line?.[1] ?? 0);
}

/** A streaming response read as text until `enough` says so (then the connection is dropped) or it ends. */
export async function readUntil(
  response: Response,
  enough: (text: string) => boolean,
  controller: AbortController,
): Promise<{ text: string; ended: boolean }> {
  const reader: ReadableStreamDefaultReader<Uint8Array> | undefined = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return { text, ended: true };
    text += decoder.decode(value, { stream: true });
    if (enough(text)) {
      controller.abort();
      return { text, ended: false };
    }
  }
}

/** One event of an answer's stream, as the tests select it. */
export interface StreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  status: string;
  message: { id: string; status: string; content: string; conversation: { client: { fullName: string } | null } };
}

/** The stream with its other subgraphs' fields (memory's message, the CRM's client) and no afterSeq: Last-Event-ID adds it. */
export const STREAM = `subscription($id: ID!) {
  messageStream(messageId: $id) {
    seq delta done status
    message { id status content conversation { client { fullName } } }
  }
}`;

/** Expects `events` to be one whole answer: seq 1, 2, 3 ... , done last, its content the deltas joined, resolved across subgraphs. */
export function expectWholeAnswer(events: StreamEvent[], messageId: string | undefined): void {
  expect(events.length).toBeGreaterThan(10);
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  const last = events[events.length - 1];
  expect(last?.done).toBe(true);
  expect(last?.status).toBe('COMPLETE');
  expect(events.every((event) => event.message.id === messageId)).toBe(true);
  expect(events[0]?.message.conversation.client?.fullName).toEqual(expect.any(String));
  expect(last?.message.content).toBe(events.map((event) => event.delta).join(''));
}
