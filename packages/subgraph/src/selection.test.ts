import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { selects } from './selection';

const schema = buildSchema(`
  type Query { page: Page }
  type Page { edges: [Edge] }
  type Edge { node: Item }
  type Item { id: ID, practices: [Item] }
`);

/** What `selects` says for `path` inside `query`'s `page` field. */
async function asked(query: string, ...path: string[]): Promise<boolean> {
  let answer: boolean | undefined;
  const result = await graphql({
    schema,
    source: query,
    rootValue: {
      page: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
        answer = selects(info, ...path);
        return { edges: [] };
      },
    },
  });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  if (answer === undefined) throw new Error('page was not resolved');
  return answer;
}

describe('selects', () => {
  it('follows a path of field names, whatever their aliases', async () => {
    expect(await asked('{ page { edges { node { id practices { id } } } } }', 'edges', 'node', 'practices')).toBe(true);
    expect(await asked('{ page { e: edges { n: node { p: practices { id } } } } }', 'edges', 'node', 'practices')).toBe(true);
    expect(await asked('{ page { edges { node { id } } } }', 'edges', 'node', 'practices')).toBe(false);
    expect(await asked('{ page { edges { node { id } } } }', 'edges', 'node')).toBe(true);
  });

  it('looks into inline and named fragments, and into every occurrence of a field', async () => {
    const named =
      '{ page { edges { node { id } } ...More } } fragment More on Page { edges { node { ...Cases } } } fragment Cases on Item { practices { id } }';
    expect(await asked(named, 'edges', 'node', 'practices')).toBe(true);
    expect(await asked('{ page { ... on Page { edges { node { ... { practices { id } } } } } } }', 'edges', 'node', 'practices')).toBe(
      true,
    );
  });

  it('does not mistake a field of the same name elsewhere for the path', async () => {
    expect(await asked('{ page { edges { node { practices { id } } } } }', 'edges', 'practices')).toBe(false);
    expect(await asked('{ page { edges { node { id } } } }', 'node')).toBe(false);
  });
});
