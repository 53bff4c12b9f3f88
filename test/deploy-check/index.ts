import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dockerfileProblems, workflowProblems } from './build.js';
import { composeProblems } from './compose.js';
import type { CodeFacts } from './facts.js';
import { flyProblems } from './fly.js';

export type { CodeFacts } from './facts.js';

/** The deployment files, relative to the repository root. */
export const DEPLOY_FILES = [
  'docker-compose.yml',
  'fly.toml',
  'Dockerfile',
  '.dockerignore',
  '.github/workflows/ci.yml',
  '.github/workflows/deploy.yml',
];

/** Every way the deployment files under `root` disagree with `facts`, one line each; none when they agree. */
export function deployFileProblems(root: string, facts: CodeFacts): string[] {
  const read = (path: string) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '');
  return [
    ...composeProblems(read('docker-compose.yml'), facts),
    ...flyProblems(read('fly.toml'), facts),
    ...dockerfileProblems(read('Dockerfile'), read('.dockerignore'), facts),
    ...workflowProblems(read('.github/workflows/ci.yml'), read('.github/workflows/deploy.yml'), facts),
  ];
}
