import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, formatApiKey, hashApiKeySecret, newApiKeySecret, notFound, requireCaller, Role } from '@nusa/platform';
import { parseId } from '@nusa/subgraph';
import type { AuditFields } from '../audit/audit-entry.entity.js';
import { AuditAction, AuditEntityType } from '../audit/audit.enums.js';
import { auditFields, recordAudit } from '../audit/audit.service.js';
import type { CrmContext } from '../context.js';
import { TeamMemberEntity } from '../team-member/team-member.entity.js';
import { TeamMember } from '../team-member/team-member.type.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { CreateApiKeyInput } from './api-key.input.js';
import { ApiKey, ApiKeyStatus, CreateApiKeyPayload } from './api-key.type.js';

/** `nk_` and the first 8 hex digits of the id: enough to tell keys apart, nothing of the secret. */
const PREFIX_LENGTH = 11;
/** What an audit entry keeps of a key: never its secret or hash. */
const AUDITED = ['name', 'prefix', 'scopes', 'expiresAt', 'maxSubscriptions', 'revokedAt'] as const;

function audit(tx: EntityManager, context: CrmContext, action: AuditAction, key: ApiKeyEntity, before: AuditFields | null): void {
  recordAudit(tx, context, {
    action,
    entityType: AuditEntityType.API_KEY,
    entityId: key.id,
    before,
    after: auditFields(key, AUDITED),
  });
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Authorized([Role.ADMIN])
  @Query(() => [ApiKey], { description: 'Every API key, newest first, expired and revoked ones included.' })
  apiKeys(@Ctx() { em }: CrmContext): Promise<ApiKeyEntity[]> {
    return em.find(ApiKeyEntity, {}, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => CreateApiKeyPayload, { description: 'Creates a key for a partner; the answer is the only time `key` is shown.' })
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() context: CrmContext,
  ): Promise<CreateApiKeyPayload> {
    const caller = requireCaller(context);
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw badUserInput('input.expiresAt', 'must be in the future');
    const scopes = [...new Set(input.scopes)].sort();
    const id = randomUUID();
    const secret = newApiKeySecret();
    const key = formatApiKey(id, secret);
    const row = await context.em.transactional((tx) => {
      const created = tx.create(ApiKeyEntity, {
        id,
        name: input.name.trim(),
        prefix: key.slice(0, PREFIX_LENGTH),
        secretHash: hashApiKeySecret(secret),
        scopes,
        expiresAt: input.expiresAt ?? null,
        maxSubscriptions: input.maxSubscriptions ?? null,
        createdBy: caller.kind === 'member' ? tx.getReference(TeamMemberEntity, caller.id) : null,
      });
      audit(tx, context, AuditAction.API_KEY_CREATED, created, null);
      return Promise.resolve(created);
    });
    return { key, apiKey: row };
  }

  @Authorized([Role.ADMIN])
  @Mutation(() => ApiKey, {
    description:
      'Revokes a key: the gateway refuses it from the next request with Redis, within a few seconds without. Revoking a revoked key changes nothing.',
  })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() context: CrmContext): Promise<ApiKeyEntity> {
    const keyId = parseId(id);
    const { row, revoked } = await context.em.transactional(async (tx) => {
      const found = await tx.findOne(ApiKeyEntity, { id: keyId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!found) throw notFound('ApiKey', id);
      if (found.revokedAt) return { row: found, revoked: false };
      const before = auditFields(found, AUDITED);
      found.revokedAt = new Date();
      audit(tx, context, AuditAction.API_KEY_REVOKED, found, before);
      return { row: found, revoked: true };
    });
    // After the commit: a marker for a revocation that did not happen would refuse a live key.
    if (revoked) await context.revocations.apiKeyRevoked(row.id);
    return row;
  }

  @FieldResolver(() => ApiKeyStatus)
  status(@Root() key: ApiKeyEntity): ApiKeyStatus {
    if (key.revokedAt) return ApiKeyStatus.REVOKED;
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) return ApiKeyStatus.EXPIRED;
    return ApiKeyStatus.ACTIVE;
  }

  @FieldResolver(() => TeamMember, { nullable: true, description: 'The administrator who created the key.' })
  async createdBy(@Root() key: ApiKeyEntity, @Ctx() { loaders }: CrmContext): Promise<TeamMemberEntity | null> {
    return key.createdBy ? ((await loaders.memberById.load(key.createdBy.id)) ?? null) : null;
  }
}
