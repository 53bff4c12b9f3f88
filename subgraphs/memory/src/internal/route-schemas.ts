import { z } from 'zod';
import type { Caller } from '@nusa/platform';

/** What the internal routes' bodies are made of, the same in every feature's routes. */
export const routeSchemas = {
  id: z.uuid(),
  idempotencyKey: z.string().min(1).max(180),
  /** The person a service acts for; the route answers NOT_FOUND for what they may not see. */
  onBehalfOf: z
    .object({ kind: z.enum(['anonymous', 'member', 'apiKey', 'service']) })
    .loose()
    .transform((caller) => caller as unknown as Caller)
    .optional(),
  citation: z.object({
    documentId: z.string(),
    title: z.string(),
    source: z.string().nullable(),
    collection: z.string(),
    chunkIndex: z.number().int(),
    headingPath: z.array(z.string()).optional(),
    // How fresh the cited document was when it was cited: kept with the message, as the answer's note is.
    lastCheckedAt: z.iso.datetime({ offset: true }).nullable().optional(),
    stale: z.boolean().nullable().optional(),
  }),
};
