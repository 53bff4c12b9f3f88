import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { depthRule } from './query-limits.js';

const schema = buildSchema('type Query { node: Node } type Node { id: ID! child: Node tags: [[String!]!]! }');

function depthErrors(query: string, maxDepth: number): string[] {
  return validate(schema, parse(query), [depthRule(maxDepth)]).map((error) => error.message);
}

describe('the depth rule', () => {
  it('refuses a query nested deeper than the limit, naming it', () => {
    expect(depthErrors('{ node { child { child { id } } } }', 3)).toEqual(['The query depth is 4; the limit (maxDepth) is 3']);
    expect(depthErrors('{ node { child { id } } }', 3)).toEqual([]);
  });

  it("lets the standard introspection query through: a type reference's ofType wrappers are the schema's depth, not the caller's", () => {
    expect(depthErrors(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }), 12)).toEqual([]);
  });

  it('still counts the cycles of introspection (fields → type → fields …)', () => {
    let selection = 'name';
    for (let level = 0; level < 5; level += 1) selection = `fields { type { ${selection} } }`;
    expect(depthErrors(`{ __schema { types { ${selection} } } }`, 12)).toEqual(['The query depth is 13; the limit (maxDepth) is 12']);
  });
});
