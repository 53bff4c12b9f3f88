import { ClientEntity } from './client/client.entity';
import { startCrm, type CrmHarness } from './testing';

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Client { id fullName practices { type assignee { name } } interactions { channel author { name } } }
  }
}`;

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('federation', { demoData: true });
});
afterAll(() => crm.stop());

describe('federation', () => {
  it('resolves 1,000 Client references with their relations in a constant number of queries', async () => {
    const ids = (await crm.orm.em.fork().find(ClientEntity, {}, { fields: ['id'] })).map((client) => client.id);
    const representations = Array.from({ length: 1000 }, (_, i) => ({ __typename: 'Client', id: ids[i % ids.length] }));

    crm.resetQueryCount();
    const small = await crm.as(crm.agent)<{ _entities: unknown[] }>(ENTITIES, { representations: representations.slice(0, 10) });
    const queriesForTen = crm.queryCount();

    crm.resetQueryCount();
    const large = await crm.as(crm.agent)<{ _entities: { id: string; practices: unknown[] }[] }>(ENTITIES, { representations });
    const queriesForThousand = crm.queryCount();

    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.data?._entities).toHaveLength(1000);
    expect(large.data?._entities[999]?.id).toBe(representations[999]?.id);
    // clients, practices, interactions, members (assignees and authors share one loader)
    expect(queriesForThousand).toBe(queriesForTen);
    expect(queriesForThousand).toBeLessThanOrEqual(5);
  });

  it('resolves an unknown or malformed reference to null without failing the others', async () => {
    const [known] = await crm.orm.em.fork().find(ClientEntity, {}, { limit: 1 });
    const result = await crm.as(crm.agent)<{ _entities: ({ id: string } | null)[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Client { id } } }',
      {
        r: [
          { __typename: 'Client', id: known?.id },
          { __typename: 'Client', id: '00000000-0000-4000-8000-000000000009' },
          { __typename: 'Client', id: 'nope' },
        ],
      },
    );
    expect(result.data?._entities).toEqual([{ id: known?.id }, null, null]);
  });
});
