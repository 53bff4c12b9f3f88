import type { MikroORM } from '@mikro-orm/postgresql';
import { type DatabaseSpec, type Logger } from '@nusa/shared';
export declare const crmDatabase: DatabaseSpec;
/** The CRM database at `url`, migrated. */
export declare function openDatabase(url: string, logger: Logger): Promise<MikroORM>;
//# sourceMappingURL=orm.d.ts.map