/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleNameMapper: {
    '^@nusa/platform$': '<rootDir>/packages/platform/src/index.ts',
    '^@nusa/platform/testing$': '<rootDir>/packages/platform/src/testing/index.ts',
    '^@nusa/subgraph$': '<rootDir>/packages/subgraph/src/index.ts',
    '^@nusa/subgraph/testing$': '<rootDir>/packages/subgraph/src/testing/index.ts',
    '^@nusa/crm$': '<rootDir>/subgraphs/crm/src/server.ts',
    '^@nusa/gateway$': '<rootDir>/gateway/src/server.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
