import { referenceVia, Scope } from '@nusa/shared';
import type { CrmContext } from '../context.js';

export const resolvePracticeReference = referenceVia((context: CrmContext) => context.loaders.practiceById, Scope.CrmRead);
