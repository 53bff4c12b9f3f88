import { Scope } from '@nusa/platform';
import { referenceVia } from '@nusa/subgraph';
import type { CrmContext } from '../context.js';

export const resolvePracticeReference = referenceVia((context: CrmContext) => context.loaders.practiceById, Scope.CrmRead);
