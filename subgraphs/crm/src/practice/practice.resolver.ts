import { LockMode } from '@mikro-orm/core';
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, notFound, Role } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import { ClientEntity } from '../client/client.entity.js';
import { Client } from '../client/client.type.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, InteractionRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { Interaction } from '../interaction/interaction.type.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { upcomingDeadlines } from './practice.deadlines.js';
import { PracticeEntity } from './practice.entity.js';
import { PracticeStatus, PracticeType } from './practice.enums.js';
import { OpenPracticeInput } from './practice.input.js';
import { Practice } from './practice.type.js';
import { assertTransition, TRANSITIONS } from './practice.workflow.js';

const DEFAULT_TITLES: Record<PracticeType, string> = {
  [PracticeType.KITAS]: 'KITAS application',
  [PracticeType.KITAP]: 'KITAP application',
  [PracticeType.VISA]: 'Visa application',
  [PracticeType.PT_PMA]: 'PT PMA company setup',
  [PracticeType.TAX]: 'Tax filing',
  [PracticeType.PROPERTY]: 'Property due diligence',
  [PracticeType.LEGAL]: 'Legal matter',
};

async function activeMember(context: CrmContext, id: string, field: string): Promise<TeamMemberEntity> {
  const member = await context.loaders.memberById.load(parseId(id, field));
  if (!member?.active) throw badUserInput(field, `no active team member has the id ${id}`);
  return member;
}

@Resolver(() => Practice)
export class PracticeResolver {
  @Authorized()
  @Query(() => Practice, { nullable: true })
  async practice(@Arg('id', () => ID) id: string, @Ctx() { loaders }: CrmContext): Promise<PracticeRecord | null> {
    return (await loaders.practiceById.load(parseId(id))) ?? null;
  }

  @Authorized()
  @Query(() => [Practice], { description: 'Practices due or expiring within the window (days from today in Bali), soonest first.' })
  upcomingDeadlines(@Arg('withinDays', () => Int) withinDays: number, @Ctx() { em }: CrmContext): Promise<PracticeEntity[]> {
    return upcomingDeadlines(em, withinDays);
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, { description: 'Opens a case for a client, in status INQUIRY.' })
  async openPractice(@Arg('input', () => OpenPracticeInput) input: OpenPracticeInput, @Ctx() context: CrmContext): Promise<PracticeEntity> {
    const { em } = context;
    const client = await context.loaders.clientById.load(parseId(input.clientId, 'input.clientId'));
    if (!client) throw notFound('Client', input.clientId);
    const assignee = input.assigneeId ? await activeMember(context, input.assigneeId, 'input.assigneeId') : null;
    const practice = em.create(PracticeEntity, {
      client: em.getReference(ClientEntity, client.id, { wrapped: true }),
      type: input.type,
      title: input.title?.trim() ?? DEFAULT_TITLES[input.type],
      assignee: assignee ? em.getReference(TeamMemberEntity, assignee.id, { wrapped: true }) : null,
      dueDate: input.dueDate ?? null,
      expiryDate: input.expiryDate ?? null,
      notes: input.notes ?? null,
    });
    await em.flush();
    return practice;
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, { description: 'Moves a practice along its workflow; an illegal step is BAD_USER_INPUT naming both states.' })
  updatePracticeStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => PracticeStatus) status: PracticeStatus,
    @Ctx() { em }: CrmContext,
  ): Promise<PracticeEntity> {
    const practiceId = parseId(id);
    return em.transactional(async (tx) => {
      const practice = await tx.findOne(PracticeEntity, { id: practiceId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!practice) throw notFound('Practice', id);
      assertTransition(practice.status, status);
      practice.status = status;
      practice.statusChangedAt = new Date();
      return practice;
    });
  }

  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Practice, { description: 'Gives a practice to a team member, or to nobody with null.' })
  async assignPractice(
    @Arg('id', () => ID) id: string,
    @Arg('assigneeId', () => ID, { nullable: true }) assigneeId: string | null,
    @Ctx() context: CrmContext,
  ): Promise<PracticeEntity> {
    const { em } = context;
    const practice = await em.findOne(PracticeEntity, { id: parseId(id) });
    if (!practice) throw notFound('Practice', id);
    const assignee = assigneeId ? await activeMember(context, assigneeId, 'assigneeId') : null;
    practice.assignee = assignee ? em.getReference(TeamMemberEntity, assignee.id, { wrapped: true }) : null;
    await em.flush();
    return practice;
  }

  @FieldResolver(() => Client)
  async client(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<ClientRecord> {
    const client = await loaders.clientById.load(practice.client.id);
    if (!client) throw notFound('Client', practice.client.id);
    return client;
  }

  @FieldResolver(() => TeamMember, { nullable: true })
  async assignee(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<TeamMemberRecord | null> {
    return practice.assignee ? ((await loaders.memberById.load(practice.assignee.id)) ?? null) : null;
  }

  @FieldResolver(() => [Interaction], { description: 'Newest first.' })
  interactions(@Root() practice: PracticeRecord, @Ctx() { loaders }: CrmContext): Promise<InteractionRecord[]> {
    return loaders.interactionsByPractice.load(practice.id);
  }

  @FieldResolver(() => [PracticeStatus], { description: 'The statuses this practice may move to next.' })
  allowedTransitions(@Root() practice: PracticeRecord): readonly PracticeStatus[] {
    return TRANSITIONS[practice.status];
  }
}
