export * from './query-counter.js';
