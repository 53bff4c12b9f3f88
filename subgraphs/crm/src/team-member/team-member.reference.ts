import { Scope } from '@nusa/platform';
import { referenceVia } from '@nusa/subgraph';
import type { CrmContext } from '../context.js';

export const resolveTeamMemberReference = referenceVia((context: CrmContext) => context.loaders.memberById, Scope.CrmRead);
