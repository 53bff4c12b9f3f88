import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@nusa/subgraph';
import { WebhookDeliveryStatus, WebhookEventType } from './webhook.enums.js';

@ObjectType({ description: 'A partner URL that receives signed events. Its secret is shown only by createWebhookEndpoint.' })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Where deliveries are POSTed (http or https).' })
  url!: string;

  @Field(() => [WebhookEventType])
  eventTypes!: WebhookEventType[];

  @Field(() => Boolean, { description: 'False: nothing is sent (pending deliveries wait) until it is enabled again.' })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why it is disabled: by an administrator, or after too many failed attempts in a row (with the last failure).',
  })
  disabledReason!: string | null;

  @Field(() => Date, { nullable: true })
  disabledAt!: Date | null;

  @Field(() => Int, { description: 'Failed attempts since the last accepted one, over all its deliveries.' })
  consecutiveFailures!: number;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: 'A new webhook endpoint. `secret` is shown only here: verify each delivery with it (see the partner guide).' })
export class CreateWebhookEndpointPayload {
  @Field(() => String, { description: 'The signing secret (whsec_…), keyed into the HMAC-SHA256 of every delivery.' })
  secret!: string;

  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpoint;
}

@ObjectType({ description: 'One POST of a delivery and what came back.' })
export class WebhookDeliveryAttempt {
  @Field(() => Int, { description: '1 for the first attempt.' })
  number!: number;

  @Field(() => Date, { description: 'When it was sent.' })
  at!: Date;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when no answer came." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'The start of the response body (at most 2 KiB).' })
  responseBody!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why it failed (`HTTP 500 …`, `no answer within 10000 ms`, `request failed: ECONNREFUSED`); null when accepted.',
  })
  error!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the next attempt was scheduled; null when delivered or given up.' })
  nextAttemptAt!: Date | null;
}

@ObjectType({ description: 'One event for one endpoint, with every attempt to send it.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: WebhookDeliveryStatus;

  @Field(() => Int)
  attemptCount!: number;

  @Field(() => Date, { nullable: true, description: 'When it is due; null once delivered or given up.' })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  lastAttemptAt!: Date | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one sends again (resendWebhookDelivery).' })
  resendOf!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => WebhookDelivery)
  node!: WebhookDelivery;
}

@ObjectType({ description: 'A page of deliveries, newest first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge])
  edges!: WebhookDeliveryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
