import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { parse } from 'graphql';
import { createLogger } from '@nusa/platform';
import type { GatewayContext } from '../context';
import { SubscriptionPlanner } from './planner';

const supergraphSdl = readFileSync(join(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const context: GatewayContext = { caller: { kind: 'anonymous' }, identityFor: () => 'identity', requestId: 'r1', warnings: [] };

/** The memory subgraph as the plan's data source: answers `_entities` for messages, and records what it was asked. */
function memory() {
  const asked: { query: string; variables: Record<string, unknown> }[] = [];
  const source: GraphQLDataSource = {
    process: (options: GraphQLDataSourceProcessOptions) => {
      const { query = '', variables = {} } = options.request;
      asked.push({ query, variables });
      const representations = (variables.representations ?? []) as { id: string }[];
      return Promise.resolve({
        data: { _entities: representations.map((representation) => ({ status: 'STREAMING', content: `text of ${representation.id}` })) },
      });
    },
  };
  return { source, asked };
}

function planner(services: Record<string, GraphQLDataSource> = {}) {
  return new SubscriptionPlanner(supergraphSdl, apiSchema, services, createLogger('test', 'silent'));
}

describe('subscriptions planned over the supergraph', () => {
  it('sends the root field to the subgraph that owns it and fetches the other subgraphs fields of every event', async () => {
    const { source, asked } = memory();
    const text = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta message { status content } } }';
    const prepared = planner({ memory: source }).prepare(parse(text), text, undefined);
    expect(prepared.serviceName).toBe('chat');
    expect(prepared.upstreamQuery).toBe('subscription($id:ID!){messageStream(messageId:$id){seq delta message{__typename id}}}');
    expect(prepared.variableUsages).toEqual(['id']);
    const raw = { data: { messageStream: { seq: 1, delta: 'Hal', message: { __typename: 'Message', id: 'm1' } } } };
    const result = await prepared.resolve(raw, { id: 'm1' }, context);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ messageStream: { seq: 1, delta: 'Hal', message: { status: 'STREAMING', content: 'text of m1' } } });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.query).toContain('_entities');
  });

  it('passes an event straight through when the owning subgraph has every field asked for', async () => {
    const text = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta done } }';
    const prepared = planner().prepare(parse(text), text, undefined);
    const raw = { data: { messageStream: { seq: 2, delta: 'lo', done: false } } };
    expect((await prepared.resolve(raw, { id: 'm1' }, context)).data).toBe(raw.data);
  });

  it('caches a plan by its text and operation name', () => {
    const text = 'subscription S($id: ID!) { messageStream(messageId: $id) { seq } }';
    const subscriptions = planner();
    expect(subscriptions.prepare(parse(text), text, 'S')).toBe(subscriptions.prepare(parse(text), text, 'S'));
  });

  it('refuses an operation that is not a subscription, and answers an event without data with its errors', async () => {
    const query = '{ serviceCatalog { code } }';
    expect(() => planner().prepare(parse(query), query, undefined)).toThrow('Not a subscription operation');
    const text = 'subscription($id: ID!) { messageStream(messageId: $id) { seq } }';
    const prepared = planner().prepare(parse(text), text, undefined);
    const failed = await prepared.resolve({ errors: [{ message: 'NOT_FOUND' }] as never }, { id: 'm1' }, context);
    expect(failed.errors?.[0]?.message).toBe('NOT_FOUND');
  });

  it("names an event's errors as the owning subgraph's, keeping their codes", async () => {
    const text = 'subscription($id: ID!) { messageStream(messageId: $id) { seq delta } }';
    const prepared = planner().prepare(parse(text), text, undefined);
    const errors = [
      { message: 'Command timed out', path: ['messageStream'] },
      { message: 'Message m1 does not exist', extensions: { code: 'NOT_FOUND' } },
    ];
    for (const raw of [{ errors }, { data: { messageStream: null }, errors }]) {
      const result = await prepared.resolve(raw as never, { id: 'm1' }, context);
      expect(result.errors?.map((error) => error.extensions)).toEqual([
        { serviceName: 'chat' },
        { code: 'NOT_FOUND', serviceName: 'chat' },
      ]);
      expect(result.errors?.[0]?.path).toEqual(['messageStream']);
    }
  });

  it("names an event's errors as the owning subgraph's when the event's other fields are fetched too", async () => {
    const { source } = memory();
    const text = 'subscription($id: ID!) { messageStream(messageId: $id) { seq message { status } } }';
    const prepared = planner({ memory: source }).prepare(parse(text), text, undefined);
    const raw = {
      data: { messageStream: { seq: 1, message: { __typename: 'Message', id: 'm1' } } },
      errors: [{ message: 'Command timed out', path: ['messageStream'] }],
    };
    const result = await prepared.resolve(raw as never, { id: 'm1' }, context);
    expect(result.errors?.map((error) => error.extensions?.serviceName)).toEqual(['chat']);
  });
});
