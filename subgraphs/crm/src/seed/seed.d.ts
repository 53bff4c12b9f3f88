import type { EntityManager } from '@mikro-orm/postgresql';
import { type Logger } from '@nusa/shared';
/**
 * First start only (no team member exists yet): creates the first admin and, when asked, the demo
 * team, clients, practices and interactions, all in one transaction.
 */
export declare function seedEmptyDatabase(em: EntityManager, options: {
    admin: {
        email: string;
        password: string;
    } | null;
    demoData: boolean;
}, logger: Logger): Promise<void>;
//# sourceMappingURL=seed.d.ts.map