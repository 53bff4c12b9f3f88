import { WIRE_TYPES, type WebhookEventType } from './webhook.enums.js';

/** An outbox event as a delivery's body is made from it. */
export interface WebhookEventSource {
  id: string;
  type: WebhookEventType;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** The JSON every attempt of a delivery POSTs: `{ id, type, occurredAt, data }`; `id` is the event's, the same on every retry and resend. */
export function webhookBody(event: WebhookEventSource): string {
  return JSON.stringify({ id: event.id, type: WIRE_TYPES[event.type], occurredAt: event.occurredAt.toISOString(), data: event.payload });
}
