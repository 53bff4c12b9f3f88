import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { notFound, Role } from '@nusa/platform';
import { entityResult, Idempotent, orNull, parseId, type Connection } from '@nusa/subgraph';
import { Client } from '../client/client.type.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, InteractionRecord, PracticeDocumentRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { Interaction } from '../interaction/interaction.type.js';
import type { ServiceEntity } from '../service-catalog/service.entity.js';
import { Service } from '../service-catalog/service.type.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { nextDeadline, upcomingDeadlines, type Deadline } from './practice.deadlines.js';
import { PracticeEntity } from './practice.entity.js';
import { DocumentState, PracticeStatus } from './practice.enums.js';
import { OpenPracticeInput, PracticeFilter, UpdatePracticeInput } from './practice.input.js';
import { practicePage } from './practice.query.js';
import * as practices from './practice.service.js';
import { Practice, PracticeConnection, PracticeDeadline, PracticeDocument } from './practice.type.js';
import { TRANSITIONS } from './practice.workflow.js';

@Resolver(() => Practice)
export class PracticeResolver {
  @Authorized()
  @Query(() => Practice, { nullable: true })
  async practice(@Arg('id', () => ID) id: string, @Ctx() { loaders }: CrmContext): Promise<PracticeRecord | null> {
    return (await loaders.practiceById.load(parseId(id))) ?? null;
  }

  @Authorized()
  @Query(() => PracticeConnection, {
    description: 'Practices, newest first, for example those assigned to me (filter.assignedToMe); at most 100 a page.',
  })
  // Parameter decorators run last to first, so the arguments are listed in reverse of the SDL order.
  practices(
    @Ctx() { em, caller }: CrmContext,
    @Arg('filter', () => PracticeFilter, { nullable: true }) filter: PracticeFilter | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100. Default 20.' }) first: number | null,
  ): Promise<Connection<PracticeRecord>> {
    return practicePage(em, caller, filter, first, after);
  }

  @Authorized()
  @Query(() => [Practice], {
    description:
      'Practices due or expiring within the window (days from today in Bali), soonest first; with includeOverdue, overdue ones first (due dates passed while open, permits expired in the last 30 days).',
  })
  upcomingDeadlines(
    @Ctx() { em }: CrmContext,
    @Arg('includeOverdue', () => Boolean, { defaultValue: false }) includeOverdue: boolean,
    @Arg('withinDays', () => Int) withinDays: number,
  ): Promise<PracticeRecord[]> {
    return upcomingDeadlines(em, withinDays, includeOverdue);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, {
    description: 'Opens a case for a client, in status INQUIRY; from a catalog service, with its document checklist.',
  })
  @UseMiddleware(Idempotent(entityResult(PracticeEntity)))
  openPractice(@Arg('input', () => OpenPracticeInput) input: OpenPracticeInput, @Ctx() context: CrmContext): Promise<PracticeEntity> {
    return practices.openPractice(context, input);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, { description: 'Changes the given fields of a practice (title, dates, notes); null clears an optional one.' })
  @UseMiddleware(Idempotent(entityResult(PracticeEntity)))
  updatePractice(
    @Arg('input', () => UpdatePracticeInput) input: UpdatePracticeInput,
    @Arg('id', () => ID) id: string,
    @Ctx() context: CrmContext,
  ): Promise<PracticeEntity> {
    return practices.updatePractice(context, id, input);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, {
    description:
      'Moves a practice along its workflow; an illegal step is BAD_USER_INPUT naming both states, and SUBMITTED with a required document MISSING is BAD_USER_INPUT naming them (extensions.missingDocuments).',
  })
  @UseMiddleware(Idempotent(entityResult(PracticeEntity)))
  updatePracticeStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => PracticeStatus) status: PracticeStatus,
    @Ctx() context: CrmContext,
  ): Promise<PracticeEntity> {
    return practices.moveThrough(context, id, status);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, { description: 'Gives a practice to a team member, or to nobody with null.' })
  @UseMiddleware(Idempotent(entityResult(PracticeEntity)))
  assignPractice(
    @Arg('id', () => ID) id: string,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId: string | null,
    @Ctx() context: CrmContext,
  ): Promise<PracticeEntity> {
    return practices.assignPractice(context, id, assigneeId);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, {
    description:
      "Sets a document of the practice's checklist RECEIVED, MISSING or NOT_NEEDED; a name not on the checklist is BAD_USER_INPUT.",
  })
  @UseMiddleware(Idempotent(entityResult(PracticeEntity)))
  setPracticeDocument(
    @Ctx() context: CrmContext,
    @Arg('state', () => DocumentState) state: DocumentState,
    @Arg('document', () => String, { description: 'The document as the checklist names it.' }) document: string,
    @Arg('practiceId', () => ID) practiceId: string,
  ): Promise<PracticeEntity> {
    return practices.setPracticeDocument(context, practiceId, document, state);
  }

  @FieldResolver(() => Client)
  async client(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<ClientRecord> {
    const client = await loaders.clientById.load(practice.client.id);
    if (!client) throw notFound('Client', practice.client.id);
    return client;
  }

  @FieldResolver(() => TeamMember, { nullable: true })
  assignee(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): TeamMemberRecord | null | Promise<TeamMemberRecord | null> {
    return practice.assignee ? orNull(loaders.memberById.now(practice.assignee.id)) : null;
  }

  @FieldResolver(() => Service, { nullable: true, description: 'The catalog service the practice was opened from, if any.' })
  async service(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<ServiceEntity | null> {
    return practice.serviceCode ? ((await loaders.serviceByCode.load(practice.serviceCode)) ?? null) : null;
  }

  @FieldResolver(() => [PracticeDocument], {
    description: "The required documents of the practice's service, in the catalog's order; empty for a practice opened without one.",
  })
  documents(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<PracticeDocumentRecord[]> {
    return loaders.documentsByPractice.load(practice.id);
  }

  @FieldResolver(() => [Interaction], { description: 'Newest first.' })
  interactions(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<InteractionRecord[]> {
    return loaders.interactionsByPractice.load(practice.id);
  }

  @FieldResolver(() => [PracticeStatus], { description: 'The statuses this practice may move to next.' })
  allowedTransitions(@Root() practice: PracticeRecord): readonly PracticeStatus[] {
    return TRANSITIONS[practice.status];
  }

  @FieldResolver(() => PracticeDeadline, {
    nullable: true,
    description:
      'The earliest due date (while open) or expiry date (while not cancelled) still to act on, overdue ones included; null when none.',
  })
  nextDeadline(@Root() practice: PracticeRecord): Deadline | null {
    return nextDeadline(practice);
  }
}

@Resolver(() => PracticeDocument)
export class PracticeDocumentResolver {
  @FieldResolver(() => TeamMember, {
    nullable: true,
    description: 'Who set the state last; null while never ticked or when set by an API key.',
  })
  async updatedBy(@Root() document: PracticeDocumentRecord, @Ctx() { loaders }: CrmContext): Promise<TeamMemberRecord | null> {
    return document.updatedBy ? ((await loaders.memberById.load(document.updatedBy.id)) ?? null) : null;
  }
}
