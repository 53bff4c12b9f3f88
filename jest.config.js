/**
 * Three projects, each runnable on its own (`npm run test:unit`, `test:service`, `test:e2e`) and all
 * together (`npm test`):
 * - unit: `*.test.ts` beside the code in packages/, gateway/ and subgraphs/: no PostgreSQL, Redis,
 *   Chroma or browser; seconds.
 * - service: `*.live.test.ts` beside the code: one subgraph (or one part) over HTTP against a real
 *   PostgreSQL, Redis or Chroma.
 * - e2e: `test/**` + `*.test.ts`: through the real gateway with real clients, and the browsers.
 */
const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleNameMapper: {
    '^@nusa/platform$': '<rootDir>/packages/platform/src/index.ts',
    '^@nusa/platform/testing$': '<rootDir>/packages/platform/src/testing/index.ts',
    '^@nusa/subgraph$': '<rootDir>/packages/subgraph/src/index.ts',
    '^@nusa/subgraph/testing$': '<rootDir>/packages/subgraph/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
};
const besideTheCode = ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway'];

/** @type {import('jest').Config} */
module.exports = {
  // A global option (projects cannot set their own).
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: besideTheCode,
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.live\\.test\\.ts$'],
    },
    { ...shared, displayName: 'service', roots: besideTheCode, testMatch: ['**/*.live.test.ts'] },
    { ...shared, displayName: 'e2e', roots: ['<rootDir>/test'], testMatch: ['**/*.test.ts'] },
  ],
};
