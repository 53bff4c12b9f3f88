import type { MigrationObject } from '@mikro-orm/core';
/** Every migration, in order; listed explicitly so compiled and test runs find the same set. */
export declare const migrations: MigrationObject[];
//# sourceMappingURL=index.d.ts.map