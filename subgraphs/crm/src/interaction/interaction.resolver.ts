import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root, UseMiddleware } from 'type-graphql';
import { badUserInput, notFound, Role } from '@nusa/platform';
import { entityResult, Idempotent, parseId } from '@nusa/subgraph';
import { ClientEntity } from '../client/client.entity.js';
import { Client } from '../client/client.type.js';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import { auditFields, recordAudit } from '../audit/audit.service.js';
import type { CrmContext } from '../context.js';
import type { ClientRecord, InteractionRecord, PracticeRecord, TeamMemberRecord } from '../loaders.js';
import { PracticeEntity } from '../practice/practice.entity.js';
import { Practice } from '../practice/practice.type.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { InteractionEntity } from './interaction.entity.js';
import { LogInteractionInput } from './interaction.input.js';
import { Interaction } from './interaction.type.js';

/** Clock skew allowed on a client-supplied time before it counts as "in the future". */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

@Resolver(() => Interaction)
export class InteractionResolver {
  @Authorized([Role.ADMIN, Role.AGENT])
  @Mutation(() => Interaction, { description: 'Records a contact with a client, by the signed-in team member.' })
  @UseMiddleware(Idempotent(entityResult(InteractionEntity)))
  async logInteraction(
    @Arg('input', () => LogInteractionInput) input: LogInteractionInput,
    @Ctx() context: CrmContext,
  ): Promise<InteractionEntity> {
    const { em, loaders, caller } = context;
    const client = await loaders.clientById.load(parseId(input.clientId, 'input.clientId'));
    if (!client) throw notFound('Client', input.clientId);
    let practice: PracticeRecord | undefined;
    if (input.practiceId) {
      practice = await loaders.practiceById.load(parseId(input.practiceId, 'input.practiceId'));
      if (!practice) throw notFound('Practice', input.practiceId);
      if (practice.client.id !== client.id) throw badUserInput('input.practiceId', 'belongs to another client');
    }
    if (input.occurredAt && input.occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      throw badUserInput('input.occurredAt', 'cannot be in the future');
    }
    return em.transactional((tx) => {
      const interaction = tx.create(InteractionEntity, {
        client: tx.getReference(ClientEntity, client.id, { wrapped: true }),
        practice: practice ? tx.getReference(PracticeEntity, practice.id, { wrapped: true }) : null,
        author: caller.kind === 'member' ? tx.getReference(TeamMemberEntity, caller.id, { wrapped: true }) : null,
        channel: input.channel,
        summary: input.summary.trim(),
        occurredAt: input.occurredAt ?? new Date(),
      });
      recordAudit(tx, context, {
        action: AuditAction.INTERACTION_LOGGED,
        entityType: AuditEntityType.INTERACTION,
        entityId: interaction.id,
        clientId: client.id,
        practiceId: practice?.id ?? null,
        before: null,
        after: auditFields(interaction, ['channel', 'summary', 'occurredAt', 'practice']),
      });
      return Promise.resolve(interaction);
    });
  }

  @FieldResolver(() => Client)
  async client(@Root() interaction: InteractionRecord, @Ctx() { loaders }: CrmContext): Promise<ClientRecord> {
    const client = await loaders.clientById.load(interaction.client.id);
    if (!client) throw notFound('Client', interaction.client.id);
    return client;
  }

  @FieldResolver(() => Practice, { nullable: true })
  async practice(@Root() interaction: InteractionRecord, @Ctx() { loaders }: CrmContext): Promise<PracticeRecord | null> {
    return interaction.practice ? ((await loaders.practiceById.load(interaction.practice.id)) ?? null) : null;
  }

  @FieldResolver(() => TeamMember, { nullable: true, description: 'Who logged it; null when logged by an integration.' })
  async author(@Root() interaction: InteractionRecord, @Ctx() { loaders }: CrmContext): Promise<TeamMemberRecord | null> {
    return interaction.author ? ((await loaders.memberById.load(interaction.author.id)) ?? null) : null;
  }
}
