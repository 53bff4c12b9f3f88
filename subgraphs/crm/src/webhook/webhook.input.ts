import { ArrayMaxSize, ArrayMinSize, IsOptional } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { WebhookEventType } from './webhook.enums.js';

/** Repeats are allowed (and dropped), up to a bound. */
const MAX_EVENT_TYPES = 20;

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: 'An http:// or https:// URL, at most 2,048 characters.' })
  url!: string;

  @Field(() => [WebhookEventType], { description: 'The events to send there; at least one.' })
  @ArrayMinSize(1, { message: 'must name at least one event type' })
  @ArrayMaxSize(MAX_EVENT_TYPES)
  eventTypes!: WebhookEventType[];
}

@InputType({ description: 'The fields to change; the others stay.' })
export class UpdateWebhookEndpointInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'must name at least one event type' })
  @ArrayMaxSize(MAX_EVENT_TYPES)
  eventTypes?: WebhookEventType[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'false stops sending (with the reason "disabled by <you>"); true sends again, pending deliveries at once, and clears the failure count.',
  })
  @IsOptional()
  enabled?: boolean | null;
}
