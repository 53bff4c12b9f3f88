/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleNameMapper: {
    '^@nusa/shared$': '<rootDir>/packages/shared/src/index.ts',
    '^@nusa/shared/testing$': '<rootDir>/packages/shared/src/testing/index.ts',
    '^@nusa/crm$': '<rootDir>/subgraphs/crm/src/server.ts',
    '^@nusa/gateway$': '<rootDir>/gateway/src/server.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
