import { anonymous } from '@nusa/platform';
import { startCrm, type CrmHarness } from '../testing';

let crm: CrmHarness;
beforeAll(async () => {
  crm = await startCrm('service_catalog');
});
afterAll(() => crm.stop());

interface Listed {
  serviceCatalog: { code: string; type: string; priceIdr: number; requiredDocuments: string[] }[];
}
const CATALOG = 'query($type: PracticeType) { serviceCatalog(type: $type) { code type priceIdr requiredDocuments } }';

describe('the service catalog', () => {
  it('lists the active services by type, then price, each with its document checklist', async () => {
    const result = await crm.as(crm.agent)<Listed>(CATALOG);
    expect(result.errors).toBeUndefined();
    const services = result.data?.serviceCatalog ?? [];
    expect(services.length).toBeGreaterThan(1);
    const order = services.map((service) => [service.type, service.priceIdr] as const);
    const sorted = [...order].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    expect(order).toEqual(sorted);
    expect(services.every((service) => Array.isArray(service.requiredDocuments))).toBe(true);
    expect(services.some((service) => service.requiredDocuments.length > 0)).toBe(true);
  });

  it('filters by type and leaves out a withdrawn service', async () => {
    const all = (await crm.as(crm.agent)<Listed>(CATALOG)).data?.serviceCatalog ?? [];
    const kitas = (await crm.as(crm.agent)<Listed>(CATALOG, { type: 'KITAS' })).data?.serviceCatalog ?? [];
    expect(kitas.length).toBeGreaterThan(0);
    expect(kitas).toEqual(all.filter((service) => service.type === 'KITAS'));
    const withdrawn = kitas[0]?.code ?? '';
    await crm.orm.em.getConnection().execute('update service set active = false where code = ?', [withdrawn]);
    try {
      const after = (await crm.as(crm.agent)<Listed>(CATALOG, { type: 'KITAS' })).data?.serviceCatalog ?? [];
      expect(after.map((service) => service.code)).toEqual(kitas.slice(1).map((service) => service.code));
    } finally {
      await crm.orm.em.getConnection().execute('update service set active = true where code = ?', [withdrawn]);
    }
  });

  it('is refused without a caller', async () => {
    const result = await crm.as(anonymous)(CATALOG);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
