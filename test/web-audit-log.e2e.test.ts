import { postGraphQL } from '@nusa/platform/testing';
import type { Page } from 'playwright-core';
import {
  baliDay,
  openSession,
  overflowsSideways,
  screenshot,
  signedInAt,
  startWebPlatform,
  type BrowserSession,
  type WebPlatform,
} from './web-harness';

let web: WebPlatform;
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  web = await startWebPlatform('web_audit_log_e2e');
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

afterEach(async () => {
  for (const session of sessions.splice(0)) {
    const foreign = session.foreignRequests();
    await session.close();
    expect(foreign).toEqual([]);
  }
});

jest.setTimeout(120_000);

async function browse(path: string): Promise<Page> {
  const session = await openSession(web);
  sessions.push(session);
  return signedInAt(web, session.page, path);
}

/** `query` through the gateway as the admin's own API session (not the browser's). */
async function asAdmin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await web.platform.query<T>(query, variables);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

const CREATE_CLIENT = 'mutation($input: CreateClientInput!) { createClient(input: $input) { id } }';

describe('the audit log and the live home screen in Chromium', () => {
  it('lists every write newest first and filters it by actor, on the admin screen reached from the admin nav', async () => {
    // Two actors: the admin, and a partner's API key.
    const { createApiKey } = await asAdmin<{ createApiKey: { key: string; apiKey: { id: string } } }>(
      'mutation { createApiKey(input: { name: "Partner sync", scopes: [CRM_READ, CRM_WRITE] }) { key apiKey { id } } }',
    );
    await asAdmin(CREATE_CLIENT, { input: { fullName: 'Astrid Admin-Made' } });
    const byKey = await postGraphQL<{ createClient: { id: string } }>(
      web.platform.gateway.url,
      CREATE_CLIENT,
      { input: { fullName: 'Kenji Key-Made' } },
      { authorization: `Bearer ${createApiKey.key}` },
    );
    expect(byKey.errors).toBeUndefined();

    const page = await browse('/admin/team');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const entries = page.getByRole('list', { name: 'Audit log entries' });
    await entries.locator('[data-action="CLIENT_CREATED"]', { hasText: 'Kenji Key-Made' }).waitFor();
    await entries.locator('[data-action="CLIENT_CREATED"]', { hasText: 'Astrid Admin-Made' }).waitFor();
    // Newest first: the key's client was created last.
    await expect(entries.locator('.audit-entry').first().textContent()).resolves.toContain('Kenji Key-Made');
    await expect(entries.locator('.audit-entry').first().locator('.audit-actor').textContent()).resolves.toBe('by Partner sync');

    // Only the key's writes: chosen and applied from the keyboard.
    await page.getByLabel('Actor').selectOption({ label: 'Partner sync' });
    await page.getByRole('button', { name: 'Show entries' }).focus();
    await page.keyboard.press('Enter');
    await entries.locator('.audit-entry').filter({ hasText: 'Astrid Admin-Made' }).waitFor({ state: 'detached' });
    const actors = await entries.locator('.audit-actor').allTextContents();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set(['by Partner sync']));
    await expect(entries.textContent()).resolves.toContain('fullName: — → Kenji Key-Made');
    await page
      .getByRole('status')
      .filter({ hasText: /matching entr/ })
      .waitFor();
    // The time is the viewer's locale's own rendering of the instant the entry carries.
    const time = entries.locator('time').first();
    const instant = (await time.getAttribute('datetime')) as string;
    expect(Number.isNaN(Date.parse(instant))).toBe(false);
    const local = await page.evaluate(
      (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      instant,
    );
    await expect(time.textContent()).resolves.toBe(local);
    await screenshot(page, 'admin-audit-log-by-actor');

    // Memory keeps its own log: a fact the admin told shows there.
    const { clients } = await asAdmin<{ clients: { edges: { node: { id: string } }[] } }>(
      '{ clients(first: 1, filter: { search: "Astrid" }) { edges { node { id } } } }',
    );
    await asAdmin('mutation($c: ID!) { rememberFact(input: { clientId: $c, content: "Prefers email over WhatsApp" }) { id } }', {
      c: clients.edges[0]?.node.id,
    });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Which log').selectOption('memory');
    await page.getByRole('button', { name: 'Show entries' }).click();
    await entries.locator('[data-action="FACT_REMEMBERED"]', { hasText: 'Prefers email over WhatsApp' }).waitFor();
    await screenshot(page, 'admin-audit-log-memory');

    // It fits a phone: nothing scrolls sideways at 360 px.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect(overflowsSideways(page)).resolves.toBe(false);
    await screenshot(page, 'admin-audit-log-phone');
  });

  it('shows a practice on the home screen when a second session moves its due date into the window, without a reload', async () => {
    const { createClient } = await asAdmin<{ createClient: { id: string } }>(CREATE_CLIENT, { input: { fullName: 'Lorenzo Later' } });
    const { openPractice } = await asAdmin<{ openPractice: { id: string } }>(
      'mutation($input: OpenPracticeInput!) { openPractice(input: $input) { id } }',
      { input: { clientId: createClient.id, type: 'VISA', title: 'Visa extension for Lorenzo', dueDate: baliDay(90) } },
    );

    const home = await browse('/');
    await home.getByRole('heading', { name: 'Today’s work' }).waitFor();
    await home.getByRole('heading', { name: /This week/ }).waitFor();
    const shown = home.locator(`.deadline[data-practice-id="${openPractice.id}"]`);
    await expect(shown.count()).resolves.toBe(0);

    // Another session (the API, signed in on its own) moves the due date to three days from now.
    await asAdmin('mutation($id: ID!, $input: UpdatePracticeInput!) { updatePractice(id: $id, input: $input) { id } }', {
      id: openPractice.id,
      input: { dueDate: baliDay(3) },
    });
    const thisWeek = home.getByRole('region', { name: /This week/ });
    await thisWeek.locator(`.deadline[data-practice-id="${openPractice.id}"]`).waitFor();
    await expect(shown.textContent()).resolves.toContain('Lorenzo Later');
    await expect(home.evaluate('performance.getEntriesByType("navigation").length')).resolves.toBe(1);
    await screenshot(home, 'home-live-deadline-entered');

    // The practice page follows changes made elsewhere too.
    await shown.getByRole('link', { name: /Visa extension for Lorenzo/ }).click();
    await home.waitForURL((url) => url.pathname === `/practices/${openPractice.id}`);
    await home.locator('.practice-status', { hasText: 'Inquiry' }).waitFor();
    await asAdmin('mutation($id: ID!) { updatePracticeStatus(id: $id, status: DOCUMENTS_PENDING) { id } }', { id: openPractice.id });
    await home.locator('.practice-status', { hasText: 'Documents pending' }).waitFor();
    await home.getByRole('list', { name: 'Practice history' }).locator('[data-action="PRACTICE_STATUS_CHANGED"]').waitFor();
    await expect(home.evaluate('performance.getEntriesByType("navigation").length')).resolves.toBe(1);
    await screenshot(home, 'practice-page-live');
  });

  it('shows on the client page the memory history of facts remembered and forgotten, with who did it', async () => {
    const { createClient } = await asAdmin<{ createClient: { id: string } }>(CREATE_CLIENT, { input: { fullName: 'Mira Memory' } });
    const { me } = await asAdmin<{ me: { name: string } }>('{ me { name } }');
    const page = await browse(`/clients/${createClient.id}`);
    await page.getByRole('heading', { name: 'Mira Memory' }).waitFor();
    await page.getByLabel('Remember a fact').fill('Wants a KITAS for her two children');
    await page.getByLabel('Remember a fact').press('Enter');
    const facts = page.locator('.fact', { hasText: 'Wants a KITAS for her two children' });
    await facts.waitFor();
    await facts.getByRole('button', { name: /Forget/ }).click();
    await facts.waitFor({ state: 'detached' });

    await page.locator('.memory-history summary').focus();
    await page.keyboard.press('Enter');
    const history = page.getByRole('list', { name: 'Memory history' });
    await history.locator('[data-action="FACT_FORGOTTEN"]').waitFor();
    const actions = await Promise.all((await history.locator('.audit-entry').all()).map((entry) => entry.getAttribute('data-action')));
    expect(actions).toEqual(['FACT_FORGOTTEN', 'FACT_REMEMBERED']);
    await expect(history.locator('.audit-actor').allTextContents()).resolves.toEqual([`by ${me.name}`, `by ${me.name}`]);
    await expect(history.locator('[data-action="FACT_FORGOTTEN"]').textContent()).resolves.toContain(
      'content: Wants a KITAS for her two children → —',
    );
    await screenshot(page, 'client-memory-history');
  });
});
