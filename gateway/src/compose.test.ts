import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph } from './compose';

const root = join(__dirname, '..', '..');

describe('the committed supergraph', () => {
  it('composes from the committed subgraph SDLs without errors or warnings', () => {
    const { warnings } = composeSupergraph(root);
    expect(warnings).toEqual([]);
  });

  it('is up to date with them (run npm run compose)', () => {
    const { supergraphSdl } = composeSupergraph(root);
    expect(readFileSync(join(root, 'schema', 'supergraph.graphql'), 'utf8')).toBe(supergraphSdl);
  });
});
