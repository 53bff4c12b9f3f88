import type { CrmContext } from '../context.js';
import { PracticeType } from '../practice/practice.enums.js';
import { ServiceEntity } from './service.entity.js';
export declare class ServiceResolver {
    serviceCatalog(type: PracticeType | null, { em }: CrmContext): Promise<ServiceEntity[]>;
}
//# sourceMappingURL=service.resolver.d.ts.map