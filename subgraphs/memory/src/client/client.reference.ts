import { requireCaller, type ServiceContext } from '@nusa/platform';
import { isUuid } from '@nusa/subgraph';
import type { Client } from './client.type.js';

/** The CRM owns clients; here a reference only carries the id on to this subgraph's fields. */
export function resolveClientReference(reference: { id: string }, context: ServiceContext): Client | null {
  requireCaller(context);
  return isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null;
}
