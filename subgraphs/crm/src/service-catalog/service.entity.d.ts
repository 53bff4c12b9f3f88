import { OptionalProps } from '@mikro-orm/core';
import { PracticeType } from '../practice/practice.enums.js';
/** A priced service of the agency; rows come from a migration, the agency's published price list. */
export declare class ServiceEntity {
    [OptionalProps]?: 'active';
    code: string;
    type: PracticeType;
    name: string;
    description: string;
    priceIdr: number;
    typicalDurationDays: number;
    requiredDocuments: string[];
    active: boolean;
}
//# sourceMappingURL=service.entity.d.ts.map