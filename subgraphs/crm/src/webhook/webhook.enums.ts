import { registerEnumType } from 'type-graphql';

/** What a partner can subscribe to. Each is sent as the `type` of a delivery, by its wire name. */
export enum WebhookEventType {
  CLIENT_CREATED = 'CLIENT_CREATED',
  PRACTICE_STATUS_CHANGED = 'PRACTICE_STATUS_CHANGED',
  /** An assistant answer finished as COMPLETE; recorded by the memory subgraph and relayed here. */
  ANSWER_COMPLETED = 'ANSWER_COMPLETED',
}

/** The `type` a delivery's body carries for each event type (Stripe's and GitHub's `noun.verb` style). */
export const WIRE_TYPES: Record<WebhookEventType, string> = {
  [WebhookEventType.CLIENT_CREATED]: 'client.created',
  [WebhookEventType.PRACTICE_STATUS_CHANGED]: 'practice.status_changed',
  [WebhookEventType.ANSWER_COMPLETED]: 'answer.completed',
};

/** Where one event stands for one endpoint. */
export enum WebhookDeliveryStatus {
  /** Not yet accepted by the receiver: due now, or waiting for its next attempt. */
  PENDING = 'PENDING',
  /** The receiver answered 2xx. */
  DELIVERED = 'DELIVERED',
  /** Every attempt in the retry window failed; `resendWebhookDelivery` sends it again. */
  FAILED = 'FAILED',
}

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description:
    'An event a webhook endpoint can receive: CLIENT_CREATED (`client.created`), PRACTICE_STATUS_CHANGED (`practice.status_changed`), ANSWER_COMPLETED (`answer.completed`: an assistant answer finished).',
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'PENDING: not yet accepted (due or waiting to retry); DELIVERED: answered 2xx; FAILED: gave up after the retry window.',
  valuesConfig: {
    PENDING: { description: 'Not yet accepted by the receiver: due now, or waiting for its next attempt.' },
    DELIVERED: { description: 'The receiver answered with a 2xx status.' },
    FAILED: { description: 'Every attempt within the retry window failed; resendWebhookDelivery sends it again.' },
  },
});
