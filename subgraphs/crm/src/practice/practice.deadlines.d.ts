import type { EntityManager } from '@mikro-orm/postgresql';
import { PracticeEntity } from './practice.entity.js';
/**
 * Practices whose due date (while the practice is open) or expiry date (while it is not
 * cancelled: a completed KITAS still expires) falls within `withinDays` from today, soonest first.
 */
export declare function upcomingDeadlines(em: EntityManager, withinDays: number, now?: Date): Promise<PracticeEntity[]>;
//# sourceMappingURL=practice.deadlines.d.ts.map