import { postGraphQL } from '@nusa/platform/testing';
import type { Page } from 'playwright-core';
import { signIn } from './platform';
import { openSession, QUESTION, screenshot, signedInAt, startWebPlatform, type BrowserSession, type WebPlatform } from './web-harness';

let web: WebPlatform;
const sessions: BrowserSession[] = [];

beforeAll(async () => {
  web = await startWebPlatform('web_reviewed_e2e');
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

const EDITED = 'A remote worker on the E33G KITAS needs an annual income of at least USD 60,000 from abroad [1]. Checked by the visa team.';
const AGENT = { email: 'agent.web-reviewed@example.com', name: 'Made Agent' };

async function open(): Promise<Page> {
  const session = await openSession(web);
  sessions.push(session);
  return session.page;
}

/** Sends `QUESTION` from the chat page's composer and waits for the answer's stream to end. */
async function askInBrowser(page: Page): Promise<void> {
  const before = await page.locator('.message-assistant').count();
  await page.getByLabel('Your question').fill(QUESTION);
  await page.getByRole('button', { name: 'Send' }).click();
  const answer = page.locator('.message-assistant').nth(before);
  await answer.locator('[data-state="done"]').waitFor();
}

describe('reviewed answers in the chat, in Chromium', () => {
  it('lets an admin save a complete answer as reviewed, edited, and marks the next answer to the question "Reviewed by"', async () => {
    const { me } = (await web.platform.query<{ me: { name: string } }>('{ me { name } }')).data ?? { me: { name: '' } };
    const page = await signedInAt(web, await open(), `/conversations/${await web.platform.conversation()}`);
    await askInBrowser(page);
    const first = page.locator('.message-assistant').first();
    await expect(first.getByText(/Reviewed by/).count()).resolves.toBe(0);

    await first.getByRole('button', { name: 'Save as reviewed' }).click();
    const editor = first.getByRole('form', { name: 'Save as reviewed' });
    const answerBox = editor.getByLabel('Reviewed answer');
    // Prefilled with the stored answer's text.
    await expect(answerBox.inputValue()).resolves.toMatch(/60,000/);
    await answerBox.fill(EDITED);
    await editor.getByRole('button', { name: 'Save' }).click();
    await first
      .getByRole('status')
      .filter({ hasText: `Saved as reviewed by ${me.name}` })
      .waitFor();
    await editor.waitFor({ state: 'detached' });

    // The same question again: served from the reviewed answer, and marked so once it completes.
    await askInBrowser(page);
    const second = page.locator('.message-assistant').nth(1);
    const badge = second.locator('.review-mark');
    await badge.waitFor();
    await expect(badge.textContent()).resolves.toMatch(new RegExp(`^Reviewed by ${me.name} · \\S`));
    const reviewedAt = (await badge.locator('time').getAttribute('datetime')) ?? '';
    expect(Number.isNaN(Date.parse(reviewedAt))).toBe(false);
    const day = await page.evaluate((iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(iso)), reviewedAt);
    await expect(badge.locator('time').textContent()).resolves.toBe(day);
    await expect(second.locator('.answer-text').textContent()).resolves.toContain('Checked by the visa team.');
    await screenshot(page, 'chat-reviewed-answer');

    // After a reload the stored message carries the mark too.
    await page.reload();
    await page
      .locator('.message-assistant')
      .nth(1)
      .locator('.review-mark', { hasText: `Reviewed by ${me.name}` })
      .waitFor();
    await expect(page.locator('.message-assistant').first().locator('.review-mark').count()).resolves.toBe(0);
  });

  it('shows the error the API gives when the edited answer cannot be saved, and keeps the editor open', async () => {
    const page = await signedInAt(web, await open(), `/conversations/${await web.platform.conversation()}`);
    await askInBrowser(page);
    const answer = page.locator('.message-assistant').first();
    await answer.getByRole('button', { name: 'Save as reviewed' }).click();
    const editor = answer.getByRole('form', { name: 'Save as reviewed' });
    // Longer than a reviewed answer may be (32 KiB).
    await editor.getByLabel('Reviewed answer').fill('The income is USD 60,000. '.repeat(1400));
    await editor.getByRole('button', { name: 'Save' }).click();
    await expect(answer.getByRole('alert').textContent()).resolves.toBe('input.answer: must be at most 32768 bytes');
    await expect(editor.isVisible()).resolves.toBe(true);
    // Text is required: Save is off for whitespace only.
    await editor.getByLabel('Reviewed answer').fill('   ');
    await expect(editor.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
  });

  it('does not offer "Save as reviewed" to an agent, who still sees the reviewed mark', async () => {
    const invited = await web.platform.query<{ inviteTeamMember: { temporaryPassword: string } }>(
      'mutation($email: String!, $name: String!) { inviteTeamMember(email: $email, name: $name, role: AGENT) { temporaryPassword } }',
      AGENT,
    );
    const password = invited.data?.inviteTeamMember.temporaryPassword ?? '';
    const authorization = `Bearer ${await signIn(web.platform.gateway.url, { email: AGENT.email, password })}`;
    const clients = await postGraphQL<{ clients: { edges: { node: { id: string } }[] } }>(
      web.platform.gateway.url,
      '{ clients(first: 1) { edges { node { id } } } }',
      {},
      { authorization },
    );
    const started = await postGraphQL<{ startConversation: { id: string } }>(
      web.platform.gateway.url,
      'mutation($c: ID!) { startConversation(input: { clientId: $c, title: "Agent questions" }) { id } }',
      { c: clients.data?.clients.edges[0]?.node.id },
      { authorization },
    );
    expect(started.errors).toBeUndefined();

    const page = await open();
    await page.goto(`${web.origin}/conversations/${started.data?.startConversation.id ?? ''}`);
    await page.getByLabel('Email').fill(AGENT.email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Agent questions' }).waitFor();
    await askInBrowser(page);
    const answer = page.locator('.message-assistant').first();
    await answer.locator('.review-mark', { hasText: 'Reviewed by' }).waitFor();
    await expect(page.getByRole('button', { name: 'Save as reviewed' }).count()).resolves.toBe(0);
    await screenshot(page, 'chat-reviewed-answer-agent');
  });
});
