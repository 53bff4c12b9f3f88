export * from './query-counter.js';
export * from './committed-files.js';
export * from './append-only.js';
