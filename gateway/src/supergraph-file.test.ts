import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { subgraphsOf } from './supergraph-file';

describe('the supergraph file', () => {
  it('names every subgraph with its URL, as composed', () => {
    const sdl = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    expect(subgraphsOf(sdl)).toEqual({
      chat: 'http://localhost:4004/graphql',
      crm: 'http://localhost:4001/graphql',
      knowledge: 'http://localhost:4003/graphql',
      memory: 'http://localhost:4002/graphql',
    });
  });
});
