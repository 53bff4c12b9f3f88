import { referenceVia, Scope } from '@nusa/shared';
import type { CrmContext } from '../context.js';

export const resolveInteractionReference = referenceVia((context: CrmContext) => context.loaders.interactionById, Scope.CrmRead);
