import { startCrm, type CrmHarness } from '../testing';
import { seedEmptyDatabase } from './seed';
import { createLogger } from '@nusa/platform';

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('seed', { demoData: true });
});
afterAll(() => crm.stop());

describe('first-start data', () => {
  it('loads 50 demo clients with practices and interactions that hang together', async () => {
    const result = await crm.as(crm.agent)<{
      clients: {
        totalCount: number;
        edges: { node: { createdAt: string; practices: { createdAt: string }[]; interactions: unknown[] } }[];
      };
    }>('{ clients(first: 100) { totalCount edges { node { createdAt practices { createdAt } interactions { channel } } } } }');
    expect(result.data?.clients.totalCount).toBe(50);
    for (const { node } of result.data?.clients.edges ?? []) {
      expect(node.practices.length).toBeGreaterThanOrEqual(1);
      expect(node.interactions.length).toBeGreaterThanOrEqual(1);
      for (const practice of node.practices) expect(practice.createdAt >= node.createdAt).toBe(true);
    }
  });

  it('does nothing on a later start', async () => {
    await seedEmptyDatabase(
      crm.orm.em.fork(),
      { admin: { email: 'second@example.com', password: 'x' }, demoData: true },
      createLogger('t', 'silent'),
    );
    const result = await crm.as(crm.agent)<{ clients: { totalCount: number }; teamMembers: { email: string }[] }>(
      '{ clients { totalCount } teamMembers { email } }',
    );
    expect(result.data?.clients.totalCount).toBe(50);
    expect(result.data?.teamMembers.map((m) => m.email)).not.toContain('second@example.com');
  });
});
