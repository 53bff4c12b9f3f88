import type { CrmContext } from '../context.js';
import { InteractionEntity } from '../interaction/interaction.entity.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import { ClientEntity } from './client.entity.js';
import { ClientFilter, CreateClientInput, UpdateClientInput } from './client.input.js';
import { ClientConnection } from './client.type.js';
export declare class ClientResolver {
    clients({ em }: CrmContext, filter: ClientFilter | null, after: string | null, first: number | null): Promise<ClientConnection>;
    client(id: string, { loaders }: CrmContext): Promise<ClientEntity | null>;
    createClient(input: CreateClientInput, { em }: CrmContext): Promise<ClientEntity>;
    updateClient(id: string, input: UpdateClientInput, { em }: CrmContext): Promise<ClientEntity>;
    practices(client: ClientEntity, { loaders }: CrmContext): Promise<PracticeEntity[]>;
    interactions(client: ClientEntity, { loaders }: CrmContext): Promise<InteractionEntity[]>;
}
//# sourceMappingURL=client.resolver.d.ts.map