import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { SingleFetchRoutes } from './pass-through';

const supergraphSdl = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const supergraph = Supergraph.build(supergraphSdl);
const planner = new QueryPlanner(supergraph);
const apiSchema = supergraph.apiSchema().toGraphQLJSSchema();

/** The route learnt for `text` from the plan Apollo's query planner makes for it over `sdl`. */
function routeOf(text: string, sdl = supergraphSdl): string | undefined {
  const routes = new SingleFetchRoutes();
  routes.useSchema(apiSchema, sdl);
  const document = parse(text);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const requestContext = { document, operation, request: { query: text } } as unknown as GatewayGraphQLRequestContext;
  routes.learn(requestContext, planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), document)));
  return routes.of(requestContext)?.serviceName;
}

describe('which operations are answered with their one fetch as it came', () => {
  it.each([
    [
      'a crm page with practices and assignees',
      'query($first: Int) { clients(first: $first) { edges { node { id fullName practices { type status assignee { name } } } } } }',
      'crm',
    ],
    [
      'a knowledge search with its citations',
      'query($q: String!) { searchKnowledge(query: $q, limit: 5) { score text citation { documentId title collection } } }',
      'knowledge',
    ],
    ['aliases and nested __typename', '{ a: serviceCatalog { __typename code } b: upcomingDeadlines(withinDays: 7) { id } }', 'crm'],
    ['a mutation', 'mutation($id: ID!) { updatePracticeStatus(id: $id, status: SUBMITTED) { id status } }', 'crm'],
  ])('%s', (_what, text, subgraph) => {
    expect(routeOf(text)).toBe(subgraph);
  });

  it.each([
    ['fields of two subgraphs', '{ clients(first: 5) { edges { node { id conversations(first: 3) { totalCount } } } } }'],
    ['a named fragment', '{ serviceCatalog { ...Service } } fragment Service on Service { code }'],
    ['an inline fragment', '{ serviceCatalog { ... on Service { code } } }'],
    ['@include', 'query($more: Boolean!) { serviceCatalog { code name @include(if: $more) } }'],
    ["the root's __typename, which the gateway answers", '{ __typename serviceCatalog { code } }'],
    ['introspection beside a field', '{ __schema { queryType { name } } serviceCatalog { code } }'],
    ['no fetch at all', '{ __typename }'],
  ])('not %s', (_what, text) => {
    expect(routeOf(text)).toBeUndefined();
  });

  it('never in a supergraph that hides anything with @inaccessible', () => {
    const text = '{ serviceCatalog { code } }';
    expect(routeOf(text)).toBe('crm');
    expect(routeOf(text, `${supergraphSdl}\ntype Hidden @inaccessible { id: ID }\n`)).toBeUndefined();
  });
});
