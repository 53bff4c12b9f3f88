import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('the web app’s generated GraphQL types', () => {
  it('match the API schema of schema/supergraph.graphql and the operations in web/src (npm run codegen -w web to refresh)', () => {
    const check = spawnSync('npx', ['graphql-codegen', '--config', 'codegen.ts', '--check'], {
      cwd: join(__dirname, '..', 'web'),
      encoding: 'utf8',
    });
    expect(`${check.stdout}${check.stderr}`).not.toContain('stale files');
    expect(check.status).toBe(0);
  }, 60_000);
});
