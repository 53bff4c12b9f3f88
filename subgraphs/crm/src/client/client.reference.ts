import { Scope } from '@nusa/platform';
import { referenceVia } from '@nusa/subgraph';
import type { CrmContext } from '../context.js';

export const resolveClientReference = referenceVia((context: CrmContext) => context.loaders.clientById, Scope.CrmRead);
