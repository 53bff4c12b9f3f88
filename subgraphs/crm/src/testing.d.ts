import type { MikroORM } from '@mikro-orm/postgresql';
import { type Caller } from '@nusa/shared';
import { type GraphQLResult, type TestDatabase } from '@nusa/shared/testing';
export declare const TEST_SECRETS: {
    jwtSecret: string;
    internalSecret: string;
};
export declare const TEST_ADMIN: {
    email: string;
    password: string;
};
type Operation = <TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResult<TData>>;
/** A CRM subgraph on a fresh database and a free port, with callers to talk to it as. */
export interface CrmHarness {
    url: string;
    orm: MikroORM;
    database: TestDatabase;
    admin: Caller;
    agent: Caller;
    /** Sends an operation with `caller`'s identity signed as the gateway would. */
    as: (caller: Caller) => Operation;
    /** SQL statements run since the last `resetQueryCount()`. */
    queryCount: () => number;
    resetQueryCount: () => void;
    stop: () => Promise<void>;
}
export declare function startCrm(label: string, options?: {
    demoData?: boolean;
}): Promise<CrmHarness>;
export {};
//# sourceMappingURL=testing.d.ts.map