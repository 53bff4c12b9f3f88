import { PracticeType } from '../practice/practice.enums.js';
export declare class Service {
    code: string;
    type: PracticeType;
    name: string;
    description: string;
    priceIdr: number;
    typicalDurationDays: number;
    requiredDocuments: string[];
}
//# sourceMappingURL=service.type.d.ts.map