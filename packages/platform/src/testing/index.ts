export * from './database.js';
export * from './graphql-client.js';
export * from './ports.js';
export * from './fake-anthropic.js';
export * from './processes.js';
export * from './secrets.js';
export * from './eventually.js';
