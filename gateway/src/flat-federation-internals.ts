/**
 * @apollo/federation-internals re-exports its modules through getters (TypeScript's `__exportStar`),
 * and @apollo/gateway and @apollo/query-planner read its exports through them on every use: 2.7 % of
 * the gateway's CPU samples in a profile of the distinct benchmark (`get` in its dist/index.js). Those
 * exports are all set when the package has loaded and never change, so the libraries loaded after this
 * module are given a plain copy of them: the same values, read as data properties. The gateway's entry
 * imports it first, before anything that loads @apollo/gateway.
 */
import { createRequire } from 'node:module';

/** `exports` as plain data properties holding the values its getters return, still marked as an ES module. */
export function plainExports(exports: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = { ...exports };
  Object.defineProperty(plain, '__esModule', { value: true });
  return plain;
}

const nodeRequire = createRequire(__filename);
const id = nodeRequire.resolve('@apollo/federation-internals');
const loaded = nodeRequire(id) as Record<string, unknown>;
const cached = nodeRequire.cache[id];
// Under a test runner with a module registry of its own there is no Node cache entry: nothing to do.
if (cached && cached.exports === loaded) cached.exports = plainExports(loaded);
