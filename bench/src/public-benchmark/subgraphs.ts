import { buildSubgraphSchema } from '@apollo/subgraph';
import type { SubgraphResolvers } from '@nusa/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { inStock, products, reviews, users, type Product, type Review } from './data.js';

/** The four subgraphs of the public gateways benchmark, by name. */
export type SubgraphName = 'accounts' | 'inventory' | 'products' | 'reviews';
export const subgraphNames: SubgraphName[] = ['accounts', 'inventory', 'products', 'reviews'];

/** A subgraph's SDL (Federation 1, as the benchmark's async-graphql subgraphs print it) and its resolvers. */
interface SubgraphDefinition {
  typeDefs: string;
  resolvers: SubgraphResolvers;
}

const byUpc = (upc: string): Product | undefined => products.find((product) => product.upc === upc);
const reviewsOf = (upc: string): Review[] => reviews.filter((review) => review.productUpc === upc);

const definitions: Record<SubgraphName, SubgraphDefinition> = {
  accounts: {
    typeDefs: `
      extend type Query {
        me: User
        user(id: ID!): User
        users: [User]
      }
      type User @key(fields: "id") {
        id: ID!
        name: String
        username: String
        birthday: Int
      }`,
    resolvers: {
      Query: {
        me: () => users[0],
        user: (_: unknown, { id }: { id: string }) => users.find((user) => user.id === id),
        users: () => users,
      },
      User: { __resolveReference: ({ id }: { id: string }) => users.find((user) => user.id === id) },
    },
  },
  inventory: {
    typeDefs: `
      extend type Product @key(fields: "upc") {
        upc: String! @external
        weight: Int @external
        price: Int @external
        inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
      }`,
    resolvers: {
      Product: {
        __resolveReference: (reference: { upc: string; price?: number; weight?: number }) => ({
          ...reference,
          inStock: inStock[reference.upc] ?? null,
        }),
        // Free above 1000, else half the weight (the benchmark's rule), from the fields the gateway sent.
        shippingEstimate: ({ price, weight }: { price?: number | null; weight?: number | null }) =>
          price == null ? null : price > 1000 ? 0 : weight == null ? null : Math.floor(weight / 2),
      },
    },
  },
  products: {
    typeDefs: `
      extend type Query {
        topProducts(first: Int = 5): [Product]
      }
      type Product @key(fields: "upc") {
        upc: String!
        name: String
        price: Int
        weight: Int
      }`,
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => byUpc(upc) },
    },
  },
  reviews: {
    typeDefs: `
      type Review @key(fields: "id") {
        id: ID!
        body: String
        product: Product
        author: User @provides(fields: "username")
      }
      extend type User @key(fields: "id") {
        id: ID! @external
        username: String @external
        reviews: [Review]
      }
      extend type Product @key(fields: "upc") {
        upc: String! @external
        reviews: [Review]
      }`,
    resolvers: {
      Review: {
        __resolveReference: ({ id }: { id: string }) => reviews.find((review) => review.id === id),
        product: (review: Review) => ({ upc: review.productUpc }),
        // Every review is by the first user, who wrote the first two (as in the benchmark).
        author: () => ({ id: '1', username: 'urigo' }),
      },
      User: {
        __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user' }),
        reviews: () => reviews.slice(0, 2),
      },
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
        reviews: ({ upc }: { upc: string }) => reviewsOf(upc),
      },
    },
  },
};

/** The SDL a subgraph contributes to composition. */
export function typeDefsOf(name: SubgraphName): string {
  return definitions[name].typeDefs;
}

/** The executable schema of a subgraph. */
export function schemaOf(name: SubgraphName): GraphQLSchema {
  const { typeDefs, resolvers } = definitions[name];
  return buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers }]);
}
