import type { GraphQLSchema } from 'graphql';
/** The CRM subgraph's executable schema. */
export declare function buildCrmSchema(): Promise<GraphQLSchema>;
//# sourceMappingURL=schema.d.ts.map