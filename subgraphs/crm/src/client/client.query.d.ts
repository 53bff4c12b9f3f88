import type { EntityManager } from '@mikro-orm/postgresql';
import type { ClientFilter } from './client.input.js';
import type { ClientConnection } from './client.type.js';
/** A Relay page of clients, newest first, keyset-paginated on (createdAt, id). */
export declare function clientPage(em: EntityManager, first: number | null | undefined, after: string | null | undefined, filter: ClientFilter | null | undefined): Promise<ClientConnection>;
//# sourceMappingURL=client.query.d.ts.map