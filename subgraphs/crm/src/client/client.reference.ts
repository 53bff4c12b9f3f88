import { referenceVia, Scope } from '@nusa/shared';
import type { CrmContext } from '../context.js';

export const resolveClientReference = referenceVia((context: CrmContext) => context.loaders.clientById, Scope.CrmRead);
