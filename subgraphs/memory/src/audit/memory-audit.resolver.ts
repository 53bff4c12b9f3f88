import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Role } from '@nusa/platform';
import { auditLogResolver, auditPage, type Connection, type EntityRecord } from '@nusa/subgraph';
import { Client } from '../client/client.type.js';
import type { MemoryContext } from '../context.js';
import { MemoryAuditEntityType, MemoryAuditEntryEntity } from './memory-audit.entity.js';
import { MemoryAuditEntry, MemoryAuditEntryConnection } from './memory-audit.type.js';

type MemoryAuditRecord = EntityRecord<MemoryAuditEntryEntity>;

/** `memoryAuditLog` and each entry's `changes`. */
export const MemoryAuditResolver = auditLogResolver({
  queryName: 'memoryAuditLog',
  description:
    "Memory's audit log (facts remembered, restated, superseded, forgotten; clients' memory erased), newest first, for administrators: the same filters and pages as the CRM's auditLog.",
  entry: MemoryAuditEntry,
  connection: MemoryAuditEntryConnection,
  entity: MemoryAuditEntryEntity,
  entityTypes: MemoryAuditEntityType,
});

@Resolver(() => Client)
export class ClientMemoryActivityResolver {
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  @Authorized([Role.ADMIN, Role.AGENT])
  @FieldResolver(() => MemoryAuditEntryConnection, {
    description: 'Every recorded change to what the assistant remembers about the client, newest first; at most 100 a page.',
  })
  memoryActivity(
    @Root() client: Client,
    @Ctx() { em }: MemoryContext,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' }) first: number | null,
  ): Promise<Connection<MemoryAuditRecord>> {
    return auditPage(em, MemoryAuditEntryEntity, { equal: { clientId: client.id } }, first, after);
  }
}
