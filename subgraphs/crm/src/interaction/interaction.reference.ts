import { Scope } from '@nusa/platform';
import { referenceVia } from '@nusa/subgraph';
import type { CrmContext } from '../context.js';

export const resolveInteractionReference = referenceVia((context: CrmContext) => context.loaders.interactionById, Scope.CrmRead);
