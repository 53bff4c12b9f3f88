import { z } from 'zod';
import { badUserInput } from './errors.js';
import type { Caller } from './identity.js';

/**
 * The header a client names a mutation's idempotency key in (as Stripe's API does), which the
 * gateway forwards to the subgraphs it calls for that operation.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** The longest key accepted, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** Visible ASCII only (0x21 to 0x7E): no spaces or control characters, which headers would mangle. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/**
 * The idempotency key in `value` (a header's or a body's), or undefined when there is none;
 * BAD_USER_INPUT naming `field` when it is not 1 to 255 visible ASCII characters.
 */
export function checkIdempotencyKey(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badUserInput(field, 'must be a string');
  if (value.length === 0 || value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !VISIBLE_ASCII.test(value)) {
    throw badUserInput(field, `must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters (no spaces), for example a UUID`);
  }
  return value;
}

/**
 * Whose keys a key is among: each member, API key and service has its own, so two callers sending
 * the same key never see each other's responses. Undefined for an anonymous caller, whose keys are not kept.
 */
export function idempotencyScope(caller: Caller): string | undefined {
  switch (caller.kind) {
    case 'member':
    case 'apiKey':
      return `${caller.kind}:${caller.id}`;
    case 'service':
      return `service:${caller.name}`;
    default:
      return undefined;
  }
}

/** How long a write's stored response answers a retry with its key (`IDEMPOTENCY_TTL_HOURS`, default 24 hours). */
export const idempotencySettings = {
  IDEMPOTENCY_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
};
