import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { notFound, requireCaller, requireScope, Scope } from '@nusa/platform';
import type { CrmContext } from '../context.js';
import { createLoaders, type CrmLoaders, type PracticeRecord } from '../loaders.js';
import { DeadlineWindow, type DeadlineEntered } from './practice-deadline.events.js';
import { nextDeadline, type Deadline } from './practice.deadlines.js';
import { Practice, PracticeDeadline } from './practice.type.js';

@ObjectType({ description: 'A practice that has just entered the deadline window, as `practiceDeadlines` delivers it.' })
export class PracticeDeadlineEvent {
  @Field(() => Practice, { description: 'The practice as it is now.' })
  practice!: Practice;

  @Field(() => PracticeDeadline, { nullable: true, description: 'Its next date that needs attention.' })
  deadline!: PracticeDeadline | null;
}

interface ResolvingDeadline extends DeadlineEntered {
  loaders: CrmLoaders;
}

@Resolver(() => PracticeDeadlineEvent)
export class PracticeDeadlineEventResolver {
  @Subscription(() => PracticeDeadlineEvent, {
    description:
      'Practices entering the window of withinDays (as upcomingDeadlines counts it: due or expiring within that many days from today in Bali) from now on, whether a date was set or moved, a practice reopened, or days passed; each once, when it enters. Those already in the window are in upcomingDeadlines.',
    subscribe: async ({ args, context }) => {
      const crm = context as CrmContext;
      requireScope(requireCaller(crm), Scope.CrmRead);
      return DeadlineWindow.open(() => crm.em.fork(), (args as { withinDays: number }).withinDays, crm.events);
    },
  })
  practiceDeadlines(
    @Root() entered: DeadlineEntered,
    @Arg('withinDays', () => Int) _withinDays: number,
    @Ctx() context: CrmContext,
  ): ResolvingDeadline {
    return { ...entered, loaders: createLoaders(context.em.fork()) };
  }

  @FieldResolver(() => Practice)
  async practice(@Root() event: ResolvingDeadline): Promise<PracticeRecord> {
    const practice = await event.loaders.practiceById.load(event.practiceId);
    if (!practice) throw notFound('Practice', event.practiceId);
    return practice;
  }

  @FieldResolver(() => PracticeDeadline, { nullable: true })
  async deadline(@Root() event: ResolvingDeadline): Promise<Deadline | null> {
    const practice = await event.loaders.practiceById.load(event.practiceId);
    return practice ? nextDeadline(practice) : null;
  }
}
