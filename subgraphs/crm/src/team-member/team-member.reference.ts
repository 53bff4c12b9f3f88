import { referenceVia, Scope } from '@nusa/shared';
import type { CrmContext } from '../context.js';

export const resolveTeamMemberReference = referenceVia((context: CrmContext) => context.loaders.memberById, Scope.CrmRead);
