import type { EntityName } from '@mikro-orm/core';
import { groupedRecordLoader, recordLoader } from '@nusa/subgraph';
import { ApiKeyEntity } from './api-key/api-key.entity';
import { AuditEntryEntity } from './audit/audit-entry.entity';
import { ClientEntity } from './client/client.entity';
import { InteractionEntity } from './interaction/interaction.entity';
import { PracticeDocumentEntity } from './practice/practice-document.entity';
import { PracticeEntity } from './practice/practice.entity';
import { TeamMemberEntity } from './team-member/team-member.entity';
import { startCrm, type CrmHarness } from './testing';

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('records', { demoData: true });
  const created = await crm.as(crm.admin)('mutation { createApiKey(input: { name: "Partner", scopes: [CRM_READ] }) { key } }');
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  // A practice from a catalog service: document lines and audit entries (with jsonb fields) to read back.
  const [client] = await crm.orm.em.getConnection().execute<{ id: string }[]>('select id from client limit 1');
  const opened = await crm.as(crm.agent)(
    'mutation($clientId: ID!) { openPractice(input: { clientId: $clientId, type: VISA, serviceCode: "VISA_C1_TOURIST" }) { id } }',
    { clientId: client?.id },
  );
  if (opened.errors) throw new Error(JSON.stringify(opened.errors));
});
afterAll(() => crm.stop());

/** `entity`'s value of each of `names`, as a record holds it: a relation as `{ id }`. */
function asRecord(entity: object, names: string[]): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const name of names) {
    const value = (entity as Record<string, unknown>)[name];
    // A relation is an entity or a reference (a class instance); a json column holds a plain object, kept as it is.
    const related =
      value !== null && typeof value === 'object' && !(value instanceof Date) && !Array.isArray(value) && value.constructor !== Object;
    plain[name] = related ? { id: (value as { id: string }).id } : value;
  }
  return plain;
}

describe('records read for answers', () => {
  it.each([
    ['clients', ClientEntity],
    ['practices', PracticeEntity],
    ['interactions', InteractionEntity],
    ['team members', TeamMemberEntity],
    ['API keys', ApiKeyEntity],
    ['practice documents', PracticeDocumentEntity],
    ['audit entries', AuditEntryEntity],
  ] as [string, EntityName<{ id: string }>][])('hold exactly what the loaded %s hold, relations as { id }', async (_name, entity) => {
    const em = crm.orm.em.fork();
    const entities = await em.find(entity, {}, { limit: 200 });
    expect(entities.length).toBeGreaterThan(0);
    const records = (await recordLoader(crm.orm.em.fork(), entity).loadMany(entities.map((row) => row.id))) as Record<string, unknown>[];
    const names = Object.keys(records[0] ?? {});
    expect(names).toEqual(expect.arrayContaining(['id']));
    expect(records).toEqual(entities.map((row) => asRecord(row, names)));
  });

  it('answer at once for what a batch or a prime has read, and with a promise for what they have not', async () => {
    const em = crm.orm.em.fork();
    const members = recordLoader(em, TeamMemberEntity);
    const practices = groupedRecordLoader(em, PracticeEntity, 'client_id', '"practice"."created_at" desc', {
      column: 'assignee_id',
      entity: TeamMemberEntity,
      loader: members,
    });
    const rows = await em
      .getConnection()
      .execute<{ client_id: string; assignee_id: string }[]>(
        'select client_id, assignee_id from practice where assignee_id is not null limit 1',
      );
    const [{ client_id: clientId, assignee_id: assigneeId } = { client_id: '', assignee_id: '' }] = rows;
    expect(practices.now(clientId)).toBeInstanceOf(Promise);
    expect(members.now(assigneeId)).toBeInstanceOf(Promise);
    const read = await practices.load(clientId);
    expect(practices.now(clientId)).toBe(read);
    // A fresh loader, so that only the joined rows' prime can have read the assignee.
    const assignees = recordLoader(em, TeamMemberEntity);
    const primed = groupedRecordLoader(em, PracticeEntity, 'client_id', '"practice"."created_at" desc', {
      column: 'assignee_id',
      entity: TeamMemberEntity,
      loader: assignees,
    });
    await primed.load(clientId);
    const assignee = assignees.now(assigneeId);
    expect(assignee).not.toBeInstanceOf(Promise);
    expect(assignee).toEqual(await recordLoader(em, TeamMemberEntity).load(assigneeId));
    assignees.clear(assigneeId);
    expect(assignees.now(assigneeId)).toBeInstanceOf(Promise);
  });
});
