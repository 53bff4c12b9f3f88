import { privateDeliveryReason } from './webhook.address.js';
import { webhookBody } from './webhook.body.js';
import type { WebhookSettings } from './webhook.dispatcher.js';
import type { WebhookEventType } from './webhook.enums.js';
import { WEBHOOK_HEADERS, webhookSignature } from './webhook.signature.js';

/** What an attempt keeps of the response body. */
export const RESPONSE_EXCERPT_BYTES = 2048;

/** What one POST needs: the endpoint and the event. */
export interface WebhookPost {
  url: string;
  secret: string;
  event_id: string;
  type: WebhookEventType;
  occurred_at: Date;
  payload: Record<string, unknown>;
}

/** What one POST came to: the answer's status and start, or why there was none. */
export interface WebhookOutcome {
  statusCode: number | null;
  responseBody: string | null;
  error: string | null;
  durationMs: number;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `request failed: ${detail}`;
}

/** The first {@link RESPONSE_EXCERPT_BYTES} of a body, without reading the rest. */
async function excerptOf(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < RESPONSE_EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
}

/**
 * POSTs the event to the endpoint, signed for `at`; never throws (a failure is an outcome). An
 * endpoint whose host resolves to a private address is not called (unless allowed): the attempt
 * fails with the reason and is retried on the usual schedule, like any other failure.
 */
export async function postWebhook(
  due: WebhookPost,
  at: Date,
  { timeoutMs, allowPrivateAddresses }: Pick<WebhookSettings, 'timeoutMs' | 'allowPrivateAddresses'>,
): Promise<WebhookOutcome> {
  const body = webhookBody({ id: due.event_id, type: due.type, occurredAt: due.occurred_at, payload: due.payload });
  const timestamp = Math.floor(at.getTime() / 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const refused = allowPrivateAddresses ? null : await privateDeliveryReason(due.url);
    if (refused) return { statusCode: null, responseBody: null, error: `refused: ${refused}`, durationMs: elapsed() };
    const response = await fetch(due.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Nusa-Webhooks/1',
        [WEBHOOK_HEADERS.id]: due.event_id,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: webhookSignature(due.secret, timestamp, body),
      },
      body,
    });
    const responseBody = await excerptOf(response);
    const accepted = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      responseBody,
      error: accepted ? null : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      durationMs: elapsed(),
    };
  } catch (error) {
    return { statusCode: null, responseBody: null, error: describeFailure(error, timeoutMs), durationMs: elapsed() };
  }
}
