import { getIntrospectionQuery } from 'graphql';
import type { Page } from 'playwright-core';
import { TEST_ADMIN } from '../subgraphs/crm/src/testing';
import {
  answerStates,
  openSession,
  QUESTION,
  readable,
  recordAnswerStates,
  screenshot,
  signIn,
  startWebPlatform,
  type AnswerState,
  type BrowserSession,
  type WebPlatform,
} from './web-harness';

let web: WebPlatform;
let session: BrowserSession;

beforeAll(async () => {
  web = await startWebPlatform('web_e2e');
}, 240_000);

afterAll(async () => {
  await web?.stop();
});

beforeEach(async () => {
  session = await openSession(web);
});

afterEach(async () => {
  // Whatever the test did, the page asked nothing of any other host.
  const foreign = session.foreignRequests();
  await session.close();
  expect(foreign).toEqual([]);
});

jest.setTimeout(90_000);

async function signedIn(path = '/'): Promise<Page> {
  const { page } = session;
  await page.goto(`${web.origin}${path}`);
  await signIn(page);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
  return page;
}

interface StoredMessage {
  id: string;
  status: string;
  content: string;
}

async function storedMessages(conversationId: string): Promise<StoredMessage[]> {
  const result = await web.platform.query<{ conversation: { messages: { edges: { node: StoredMessage }[] } } }>(
    'query($id: ID!) { conversation(id: $id) { messages(last: 20) { edges { node { id status content } } } } }',
    { id: conversationId },
  );
  return result.data?.conversation.messages.edges.map((edge) => edge.node) ?? [];
}

async function settledAnswer(conversationId: string): Promise<StoredMessage> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const answer = (await storedMessages(conversationId)).at(-1);
    if (answer && answer.status !== 'STREAMING') return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the answer did not settle');
}

/** Opens a new conversation's chat page and sends the question. */
async function ask(): Promise<{ page: Page; conversationId: string }> {
  const conversationId = await web.platform.conversation();
  const page = await signedIn(`/conversations/${conversationId}`);
  await page.getByRole('heading', { name: 'Stay permit questions' }).waitFor();
  await recordAnswerStates(page);
  await page.getByLabel('Your question').fill(QUESTION);
  await page.getByRole('button', { name: 'Send' }).click();
  return { page, conversationId };
}

/** Markdown markers show until their closing one arrives, and blocks reflow: compare the rest. */
const letters = (text: string) => text.replace(/[*_\s]/g, '');

/** Waits until the streaming answer shows at least `seq` events (tokens come every 15 ms: an exact seq may flash by). */
async function seqAtLeast(page: Page, seq: number): Promise<void> {
  const answer = page.locator('.live-answer');
  const deadline = Date.now() + 20_000;
  while (Number(await answer.getAttribute('data-seq')) < seq) {
    if (Date.now() > deadline) throw new Error(`the answer did not reach seq ${seq}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function expectOnlyGrows(states: AnswerState[]): void {
  const streaming = states.filter((state) => state.text !== '');
  for (let index = 1; index < streaming.length; index += 1) {
    const before = streaming[index - 1] as AnswerState;
    const after = streaming[index] as AnswerState;
    expect(after.seq).toBeGreaterThanOrEqual(before.seq);
    // Text only ever grows at its end: nothing shown is rewritten, lost or repeated.
    if (!letters(after.text).startsWith(letters(before.text))) throw new Error(`shown text changed:\n${before.text}\n→\n${after.text}`);
  }
}

describe('the web app in Chromium', () => {
  it('says "incorrect" for a wrong password without telling whether the email exists, then signs in with the keyboard', async () => {
    const { page } = session;
    await page.goto(`${web.origin}/clients?practiceType=KITAS`);
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, 'not the password');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Email or password is incorrect');
    await screenshot(page, 'login-wrong-password');
    await page.getByLabel('Password').fill('');
    await page.getByLabel('Password').focus();
    await page.keyboard.type(TEST_ADMIN.password);
    await page.keyboard.press('Enter');
    // Back where the person was going, filter included.
    await page.waitForURL(`${web.origin}/clients?practiceType=KITAS`);
    await page.getByRole('heading', { name: 'Clients' }).waitFor();
    await expect(page.getByLabel('Practice type').inputValue()).resolves.toBe('KITAS');
  });

  it('streams an answer into the DOM token by token, then links each citation to its passage', async () => {
    const { page, conversationId } = await ask();
    await page.locator('[data-state="done"]').waitFor();
    await screenshot(page, 'chat-answer');
    const states = await answerStates(page);
    const texts = [...new Set(states.map((state) => state.text))].filter((text) => text !== '');
    // Many intermediate states, each a little longer than the one before, not one final paint.
    expect(texts.length).toBeGreaterThan(20);
    expect(states.some((state) => state.state === 'streaming')).toBe(true);
    expectOnlyGrows(states);
    const stored = await settledAnswer(conversationId);
    expect(stored.status).toBe('COMPLETE');
    const shown = await page.locator('.live-answer .answer-text').textContent();
    expect((shown ?? '').replace(/\s+/g, '')).toBe(readable(stored.content));

    const citation = page.locator('.live-answer a.citation').first();
    await citation.waitFor();
    const label = await citation.getAttribute('aria-label');
    await citation.click();
    await page.waitForURL(/\/documents\/[^/?]+\?chunk=\d+$/);
    const passage = page.locator('[aria-current="location"]');
    await passage.waitFor();
    await expect(passage.textContent()).resolves.toContain('Cited passage');
    await expect(page.locator('h1').textContent()).resolves.toBe(label?.replace(/^Source \d+: /, ''));
    await screenshot(page, 'cited-passage');
  });
  it('stops a generation with the stop button, keeping what was written', async () => {
    const { page, conversationId } = await ask();
    await seqAtLeast(page, 6);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/Stopped|Writing/);
    await page.locator('[data-state="done"]').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Stopped');
    await expect(page.getByRole('button', { name: 'Stop' }).count()).resolves.toBe(0);
    await screenshot(page, 'chat-stopped');
    const stored = await settledAnswer(conversationId);
    expect(stored.status).toBe('CANCELLED');
    const shown = (await page.locator('.live-answer .answer-text').textContent()) ?? '';
    expect(shown.replace(/\s+/g, '')).toBe(readable(stored.content));
    // Stopped early: far from the whole answer, which quotes three passages.
    expect(stored.content.length).toBeLessThan(300);
  });

  it('says it is reconnecting while the browser is offline, then resumes from the last token without losing or repeating text', async () => {
    const { page, conversationId } = await ask();
    await seqAtLeast(page, 8);
    await session.context.setOffline(true);
    await page.locator('[data-state="reconnecting"]').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Connection lost, reconnecting…');
    await screenshot(page, 'chat-reconnecting');
    const seqWhenDropped = Number(await page.locator('.live-answer').getAttribute('data-seq'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    await session.context.setOffline(false);
    await page.locator('[data-state="done"]').waitFor();
    const states = await answerStates(page);
    expectOnlyGrows(states);
    const reconnecting = states.findIndex((state) => state.state === 'reconnecting');
    expect(reconnecting).toBeGreaterThan(0);
    // Tokens kept coming after the reconnect, from where the page had stopped.
    expect(states.filter((state, index) => index > reconnecting && state.seq > seqWhenDropped).length).toBeGreaterThan(0);
    const stored = await settledAnswer(conversationId);
    expect(stored.status).toBe('COMPLETE');
    const shown = (await page.locator('.live-answer .answer-text').textContent()) ?? '';
    expect(shown.replace(/\s+/g, '')).toBe(readable(stored.content));
  });

  it('resumes when the gateway drops the socket mid-answer', async () => {
    let drop: () => Promise<void> = () => Promise.reject(new Error('no WebSocket was opened'));
    await session.page.routeWebSocket(/\/graphql$/, (socket) => {
      socket.connectToServer();
      // Playwright stands in for the gateway's end of the page's socket: it closes as a server would.
      drop = () => socket.close({ code: 1011, reason: 'Gateway restarting' });
    });
    const { page, conversationId } = await ask();
    await seqAtLeast(page, 8);
    await drop();
    await page.locator('[data-state="done"]').waitFor();
    const states = await answerStates(page);
    expectOnlyGrows(states);
    expect(states.some((state) => state.state === 'reconnecting')).toBe(true);
    const stored = await settledAnswer(conversationId);
    const shown = (await page.locator('.live-answer .answer-text').textContent()) ?? '';
    expect(shown.replace(/\s+/g, '')).toBe(readable(stored.content));
  });
  it('searches the knowledge base in each mode and opens a hit at its passage', async () => {
    const page = await signedIn('/knowledge');
    await page.getByLabel('Question').fill('remote worker KITAS extension');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.getByRole('list', { name: 'Results' });
    await results.getByRole('link', { name: 'Extending a remote worker KITAS' }).waitFor();
    await screenshot(page, 'knowledge-search');
    for (const mode of ['Keyword', 'Vector', 'Hybrid']) {
      await page.getByLabel(mode).check();
      await page.waitForURL(mode === 'Hybrid' ? /\/knowledge\?q=[^&]+$/ : new RegExp(`mode=${mode.toUpperCase()}`));
      await results.getByRole('listitem').first().waitFor();
      await expect(results.getByRole('listitem').count()).resolves.toBeGreaterThan(0);
    }
    await results.getByRole('link', { name: 'Extending a remote worker KITAS' }).click();
    await page.waitForURL(/\/documents\/[^/?]+\?chunk=\d+$/);
    await expect(page.locator('[aria-current="location"] .passage').textContent()).resolves.toContain(
      'thirty days before the stay permit expires',
    );
  });

  it('filters and pages the client list, keeping both in the URL', async () => {
    const all = await web.platform.query<{ clients: { totalCount: number } }>('{ clients(first: 1) { totalCount } }');
    const kitas = await web.platform.query<{ clients: { totalCount: number } }>(
      '{ clients(first: 1, filter: { practiceType: KITAS }) { totalCount } }',
    );
    const page = await signedIn('/clients');
    await page.getByText(`${all.data?.clients.totalCount} clients`).waitFor();
    const firstPage = await page.locator('.client-list .card-title').allTextContents();
    expect(firstPage).toHaveLength(20);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/after=/);
    await page.locator('.client-list .card-title', { hasText: firstPage[0] }).waitFor({ state: 'detached' });
    const secondPage = await page.locator('.client-list .card-title').allTextContents();
    expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.waitForURL(`${web.origin}/clients`);
    await page.getByLabel('Practice type').selectOption('KITAS');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(`${web.origin}/clients?practiceType=KITAS`);
    await page.getByText(`${kitas.data?.clients.totalCount} clients`).waitFor();
    await screenshot(page, 'clients-filtered');
  });

  it('changes a practice status on the client page, offering only the allowed next steps', async () => {
    const clientId = web.platform.memory.clientIds[0] as string;
    const opened = await web.platform.query<{ openPractice: { id: string } }>(
      'mutation($c: ID!) { openPractice(input: { clientId: $c, type: TAX, title: "Annual tax return 2026" }) { id } }',
      { c: clientId },
    );
    const practiceId = opened.data?.openPractice.id as string;
    const page = await signedIn(`/clients/${clientId}`);
    const practice = page.locator(`[data-practice-id="${practiceId}"]`);
    await expect(practice.locator('.practice-status').textContent()).resolves.toBe('Inquiry');
    await expect(practice.getByLabel('Move to').locator('option').allTextContents()).resolves.toEqual(['Documents pending', 'Cancelled']);
    await practice.getByLabel('Move to').selectOption('DOCUMENTS_PENDING');
    await practice.getByRole('button', { name: 'Change status' }).click();
    await practice.locator('.practice-status', { hasText: 'Documents pending' }).waitFor();
    await expect(practice.getByLabel('Move to').locator('option').allTextContents()).resolves.toContain('Submitted');
    await screenshot(page, 'client-page');
    const stored = await web.platform.query<{ practice: { status: string } }>('query($id: ID!) { practice(id: $id) { status } }', {
      id: practiceId,
    });
    expect(stored.data?.practice.status).toBe('DOCUMENTS_PENDING');
  });

  it('shows what the assistant remembers about a client with its source, and forgets a fact', async () => {
    const clientId = web.platform.memory.clientIds[1] as string;
    const page = await signedIn(`/clients/${clientId}`);
    const memory = page.getByRole('region', { name: 'Memory' });
    await memory.getByLabel('Remember a fact').fill('Prefers WhatsApp for updates');
    await memory.getByRole('button', { name: 'Remember', exact: true }).click();
    const fact = memory.locator('.fact', { hasText: 'Prefers WhatsApp for updates' });
    await fact.waitFor();
    await expect(fact.textContent()).resolves.toContain('told by the team');
    await fact.getByRole('button', { name: /^Forget/ }).click();
    await fact.waitFor({ state: 'detached' });
    const stored = await web.platform.query<{ client: { memoryFacts: { content: string }[] } }>(
      'query($id: ID!) { client(id: $id) { memoryFacts { content } } }',
      { id: clientId },
    );
    expect(stored.data?.client.memoryFacts.map((entry) => entry.content)).not.toContain('Prefers WhatsApp for updates');
  });

  it('sends an expired session back to the login page and then returns to the same page', async () => {
    const { page } = session;
    await page.goto(`${web.origin}/login`);
    // A session the browser still believes in, with a token the gateway no longer accepts.
    await page.evaluate(
      `localStorage.setItem('nusa.session', JSON.stringify({ token: 'expired.token.value', expiresAt: '2999-01-01T00:00:00Z', member: { id: '1', name: 'Admin', email: 'a', role: 'ADMIN' } }))`,
    );
    await page.goto(`${web.origin}/clients?practiceType=KITAS`);
    await page.waitForURL(/\/login\?next=.*expired=1/);
    await page.getByText('Your session has expired').waitFor();
    await signIn(page);
    await page.waitForURL(`${web.origin}/clients?practiceType=KITAS`);
    await expect(page.getByLabel('Practice type').inputValue()).resolves.toBe('KITAS');
  });

  it('fits a phone-width screen without sideways scrolling', async () => {
    await session.page.setViewportSize({ width: 360, height: 740 });
    const conversationId = await web.platform.conversation();
    for (const path of [
      '/clients',
      `/clients/${web.platform.memory.clientIds[0]}`,
      `/conversations/${conversationId}`,
      '/knowledge?q=KITAS',
    ]) {
      const page = path === '/clients' ? await signedIn(path) : session.page;
      if (path !== '/clients') await page.goto(`${web.origin}${path}`);
      await page.locator('main h1').first().waitFor();
      expect(new URL(page.url()).pathname).toBe(path.split('?')[0]);
      await expect(
        page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      ).resolves.toBeLessThanOrEqual(0);
    }
    await session.page.getByRole('list', { name: 'Results' }).waitFor();
    await screenshot(session.page, 'phone-knowledge');
  });
  it('serves GraphiQL from the gateway with nothing from another host; it runs a query and streams a subscription', async () => {
    // Signed in through the app first: GraphiQL fills the header with the stored token.
    const page = await signedIn('/clients');
    await page.goto(`${web.origin}/graphql`);
    const run = page.getByRole('button', { name: /^Execute query/ });
    await run.waitFor();
    await page.locator('.graphiql-editor-tool').getByText(web.platform.token.slice(0, 20)).waitFor();
    await run.click();
    const response = page.locator('.graphiql-response');
    await response.getByText('"totalCount"').waitFor();
    await screenshot(page, 'graphiql-query');

    const conversationId = await web.platform.conversation();
    const sent = await web.platform.query<{ sendMessage: { assistantMessage: { id: string } } }>(
      'mutation($c: ID!) { sendMessage(input: { conversationId: $c, content: "How is a remote worker KITAS extended, and how are remote workers taxed?" }) { assistantMessage { id } } }',
      { c: conversationId },
    );
    const messageId = sent.data?.sendMessage.assistantMessage.id as string;
    await page.locator('.graphiql-query-editor .monaco-editor').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`subscription Answer { messageStream(messageId: "${messageId}") { seq delta done status } }`);
    // GraphiQL picks the operation to run from the parsed editor a moment after typing; before that it
    // would still send the previous operation's name (Clients) with the new text.
    await page.waitForTimeout(500);
    await run.click();
    const seen = new Set<number>();
    const deadline = Date.now() + 30_000;
    let done = false;
    while (!done && Date.now() < deadline) {
      const text = (await response.textContent()) ?? '';
      const seq = /"seq":\s*(\d+)/.exec(text)?.[1];
      if (seq) seen.add(Number(seq));
      done = /"done":\s*true/.test(text);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await screenshot(page, 'graphiql-subscription');
    expect(done).toBe(true);
    // The response pane showed one event after another, not only the last.
    expect(seen.size).toBeGreaterThan(3);

    // The schema explorer (which needs the introspection query through the gateway's limits) lists the root types.
    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    const explorer = page.getByRole('region', { name: 'Documentation Explorer' });
    await explorer.getByRole('link', { name: 'Subscription' }).waitFor();
    await screenshot(page, 'graphiql-explorer');
  });

  it('answers browsers and GraphQL clients on the same paths, each with what it asked for', async () => {
    const html = await fetch(`${web.origin}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await html.text()).toContain('<title>Nusa GraphiQL</title>');
    const graphql = await fetch(`${web.origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    await expect(graphql.json()).resolves.toEqual({ data: { __typename: 'Query' } });
    // GraphiQL's schema explorer needs the standard introspection query past the gateway's query limits.
    const introspection = await web.platform.query<{ __schema: { subscriptionType: { name: string } } }>(getIntrospectionQuery());
    expect(introspection.errors).toBeUndefined();
    expect(introspection.data?.__schema.subscriptionType.name).toBe('Subscription');
    const route = await fetch(`${web.origin}/clients/some-id`, { headers: { accept: 'text/html' } });
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<div id="root"></div>');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${web.origin}/`)).text())?.[1] as string;
    const script = await fetch(`${web.origin}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${web.origin}/assets/missing-0000.js`)).status).toBe(404);
  });
});
