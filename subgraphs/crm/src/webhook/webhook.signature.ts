import { createHmac, randomBytes } from 'node:crypto';

/** The headers every delivery carries. */
export const WEBHOOK_HEADERS = {
  id: 'nusa-webhook-id',
  timestamp: 'nusa-webhook-timestamp',
  signature: 'nusa-webhook-signature',
} as const;

/** How old a timestamp a receiver should accept (documented in the partner guide); the crm signs each attempt afresh. */
export const REPLAY_WINDOW_SECONDS = 300;

/** A new endpoint secret: `whsec_` and 32 random bytes, hex. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/**
 * The `Nusa-Webhook-Signature` value of `body` sent at `timestamp` (Unix seconds): `v1=` and the
 * hex HMAC-SHA256, keyed with the endpoint's whole secret, of `<timestamp>.<body>`.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
