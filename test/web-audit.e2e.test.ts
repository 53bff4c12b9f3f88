import type { Page } from 'playwright-core';
import { openSession, screenshot, signedInAt, startWebPlatform, type BrowserSession, type WebPlatform } from './web-harness';

let web: WebPlatform;
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  web = await startWebPlatform('web_audit_e2e');
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

interface StoredPractice {
  status: string;
  documents: { name: string; state: string; updatedBy: { name: string } | null }[];
  history: { action: string; actorName: string; actor: { name: string } | null; changes: { field: string; after: string | null }[] }[];
}

async function storedPractice(id: string): Promise<StoredPractice> {
  const result = await web.platform.query<{ practice: StoredPractice }>(
    `query($id: ID!) { practice(id: $id) { status documents { name state updatedBy { name } }
      history { action actorName actor { name } changes { field after } } } }`,
    { id },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.practice;
}

describe('documents, audit and live client events in Chromium', () => {
  it('refuses SUBMITTED with the missing documents named, records every change with its actor, and shows a second browser the move live', async () => {
    const me = await web.platform.query<{ me: { name: string } }>('{ me { name } }');
    const adminName = me.data?.me.name as string;
    expect(adminName).toBeTruthy();

    // A client, created on the form.
    const page = await browse('/clients/new');
    await page.getByLabel('Full name').fill('Ingrid Halvorsen');
    await page.getByLabel('Nationality').fill('NO');
    await page.getByLabel('Full name').press('Enter');
    await page.waitForURL(/\/clients\/[^/]+$/);
    await page.getByRole('heading', { name: 'Ingrid Halvorsen' }).waitFor();
    const clientId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] as string);

    // An investor KITAS from the catalog: its required documents become the checklist.
    await page.getByRole('link', { name: 'Open a practice' }).click();
    await page.getByLabel('Kind of service').selectOption('KITAS');
    await page.getByRole('radio', { name: /Investor KITAS \(E28A\)/ }).check();
    const required = await page.locator('#service-KITAS_INVESTOR-details').getByRole('listitem').allTextContents();
    expect(required.length).toBeGreaterThan(1);
    await page.getByRole('button', { name: 'Open Investor KITAS (E28A), 2 years' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/practices/'));
    const practiceId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] as string);
    const checklist = page.getByRole('list', { name: 'Documents' });
    await checklist.getByRole('listitem').first().waitFor();
    await expect(checklist.locator('legend').allTextContents()).resolves.toEqual(required);
    await expect(checklist.locator('[data-state="MISSING"]').count()).resolves.toBe(required.length);

    // A second browser on the client page, before anything moves.
    const watcher = await browse(`/clients/${clientId}`);
    const watchedStatus = watcher.locator(`.practice[data-practice-id="${practiceId}"] .practice-status`);
    await watchedStatus.filter({ hasText: 'Inquiry' }).waitFor();

    await page.getByLabel('Move to').selectOption('DOCUMENTS_PENDING');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('.practice-status', { hasText: 'Documents pending' }).waitFor();
    // Seen live on the other browser, without a reload.
    await watchedStatus.filter({ hasText: 'Documents pending' }).waitFor();

    // SUBMITTED is refused while documents are missing, and the page names them, as an alert.
    await page.getByLabel('Move to').selectOption('SUBMITTED');
    await page.getByRole('button', { name: 'Change status' }).click();
    const refusal = page.locator('.missing-documents');
    await refusal.waitFor();
    await expect(refusal.getAttribute('role')).resolves.toBe('alert');
    await expect(refusal.getByRole('list', { name: 'Missing documents' }).getByRole('listitem').allTextContents()).resolves.toEqual(
      required,
    );
    await expect(page.locator('.practice-status').textContent()).resolves.toBe('Documents pending');
    await screenshot(page, 'practice-missing-documents');

    // Tick them: the first received, then missing again, then (a change of mind) not needed; the others received.
    const [notNeeded, ...received] = required as [string, ...string[]];
    const item = (name: string) => checklist.locator('li.checklist-item').filter({ has: page.locator('legend', { hasText: name }) });
    for (const [label, state] of [
      ['Received', 'RECEIVED'],
      ['Missing', 'MISSING'],
      ['Not needed', 'NOT_NEEDED'],
    ] as const) {
      await item(notNeeded).getByLabel(label).click();
      await checklist.locator(`li.checklist-item[data-state="${state}"]`, { hasText: notNeeded }).waitFor();
      await expect(item(notNeeded).locator('.checklist-by').textContent()).resolves.toContain(label);
    }
    for (const name of received) {
      await item(name).getByLabel('Received').click();
      await page
        .getByRole('status')
        .filter({ hasText: `${name}: received.` })
        .waitFor();
    }
    await expect(checklist.locator('li[data-state="RECEIVED"]').count()).resolves.toBe(received.length);
    await expect(item(notNeeded).locator('.checklist-by').textContent()).resolves.toContain(adminName);

    await page.getByLabel('Move to').selectOption('SUBMITTED');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.locator('.practice-status', { hasText: 'Submitted' }).waitFor();
    await expect(refusal.count()).resolves.toBe(0);
    await watchedStatus.filter({ hasText: 'Submitted' }).waitFor();
    await expect(watcher.evaluate('performance.getEntriesByType("navigation").length')).resolves.toBe(1);
    await screenshot(watcher, 'client-page-live-second-browser');

    await page.getByLabel('Channel').selectOption('EMAIL');
    await page.getByLabel('What was said or done').fill('Sent the submission receipt to Ingrid.');
    await page.getByRole('button', { name: 'Log interaction' }).click();
    await page.getByRole('status').filter({ hasText: 'logged.' }).waitFor();

    // The practice history: every change, by the admin, with what changed.
    const history = page.getByRole('list', { name: 'Practice history' });
    await history.locator('[data-action="INTERACTION_LOGGED"]').waitFor();
    const submitted = history.locator('[data-action="PRACTICE_STATUS_CHANGED"]', { hasText: '→ Submitted' });
    await expect(submitted.locator('.audit-actor').textContent()).resolves.toBe(`by ${adminName}`);
    await expect(submitted.textContent()).resolves.toContain('status: Documents pending → Submitted');
    await expect(history.locator('[data-action="PRACTICE_DOCUMENT_SET"]').count()).resolves.toBe(required.length + 2);
    const ticks = history.locator('[data-action="PRACTICE_DOCUMENT_SET"]', { hasText: `documents.${notNeeded}` });
    await expect(ticks.count()).resolves.toBe(3);
    await expect(ticks.first().locator('.audit-changes').textContent()).resolves.toBe(`documents.${notNeeded}: Missing → Not needed`);
    await history.locator('[data-action="PRACTICE_OPENED"]').waitFor();
    await screenshot(page, 'practice-history');

    const stored = await storedPractice(practiceId);
    expect(stored.status).toBe('SUBMITTED');
    expect(stored.documents.map((document) => document.state)).toEqual(['NOT_NEEDED', ...received.map(() => 'RECEIVED')]);
    expect(new Set(stored.history.map((entry) => entry.actor?.name))).toEqual(new Set([adminName]));
    // Newest first, as shown.
    expect(stored.history[0]?.action).toBe('INTERACTION_LOGGED');

    // The client's activity, on both browsers: newest first, with the actor; the watcher's came live.
    await page.getByRole('link', { name: '← Ingrid Halvorsen' }).click();
    await page.getByRole('heading', { name: 'Ingrid Halvorsen' }).waitFor();
    for (const shown of [page, watcher]) {
      const activity = shown.getByRole('list', { name: 'Client activity' });
      await activity.locator('[data-action="INTERACTION_LOGGED"]').waitFor();
      const actions = await Promise.all((await activity.locator('.audit-entry').all()).map((entry) => entry.getAttribute('data-action')));
      expect(actions[0]).toBe('INTERACTION_LOGGED');
      expect(actions).toContain('PRACTICE_STATUS_CHANGED');
      expect(actions).toContain('PRACTICE_OPENED');
      await expect(activity.locator('.audit-actor').first().textContent()).resolves.toBe(`by ${adminName}`);
    }
    // Paged: ten a page (11 changes: created, opened, 2 moves, 6 ticks, 1 interaction), then the older one, the client's creation.
    await page.getByText('10 of 11 recorded changes').waitFor();
    const activity = page.getByRole('list', { name: 'Client activity' });
    await expect(activity.locator('.audit-entry').count()).resolves.toBe(10);
    await page.getByRole('button', { name: 'Show older changes' }).click();
    await activity.locator('[data-action="CLIENT_CREATED"]').waitFor();
    await screenshot(page, 'client-activity');
  });
});
