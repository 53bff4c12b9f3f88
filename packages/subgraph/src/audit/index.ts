export * from './audit-actor.js';
export * from './audit-entry.base.js';
export * from './audit-fields.js';
export * from './audit-page.js';
export * from './audit.type.js';
export * from './audit.resolver.js';
