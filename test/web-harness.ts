import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TEST_ADMIN } from '../subgraphs/crm/src/testing';
import { startChatPlatform, type ChatPlatform } from './platform';

const ROOT = join(__dirname, '..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'web');

/** Debian's Chromium, started the way this machine allows (no sandbox as root, no background traffic). */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
};

/** Builds the web app when `web/dist` is missing, so the file also runs on its own after a fresh clone. */
export function ensureWebBuilt(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html')) && existsSync(join(ROOT, 'web', 'dist', 'graphiql.html'))) return;
  execFileSync('npm', ['run', 'build', '--silent', '-w', 'web'], { cwd: ROOT, stdio: 'inherit' });
}

/** Passages the offline answers quote, so answers are long enough to watch, stop and interrupt. */
const DOCUMENTS = [
  {
    collection: 'visa_oracle',
    title: 'KITAS for remote workers (E33G)',
    source: 'https://example.org/e33g',
    text: '# Remote worker KITAS\n\nThe E33G remote worker KITAS lets a foreigner live in Bali for one year while working for a company abroad. The applicant needs proof of an annual income of at least USD 60,000 from an employer outside Indonesia.\n\n## Documents\n\n- A passport valid for at least 12 months\n- Bank statements for three months showing the remote worker income\n- An employment contract with the company abroad',
  },
  {
    collection: 'visa_oracle',
    title: 'Extending a remote worker KITAS',
    source: 'https://example.org/e33g-extension',
    text: '# Extension of the E33G KITAS\n\nA remote worker KITAS can be extended once for another year when the remote worker still earns the required income abroad. The extension must be filed at the immigration office in Bali at least thirty days before the stay permit expires, with new bank statements for the remote worker.',
  },
  {
    collection: 'visa_oracle',
    title: 'Remote worker KITAS and tax',
    source: 'https://example.org/e33g-tax',
    text: '# Tax for remote workers\n\nA remote worker on the E33G KITAS who stays in Indonesia more than 183 days in a year may become an Indonesian tax resident. Income that a remote worker earns from a company abroad is then reported in the annual tax return, and a tax consultant in Bali can advise on the treaty with the home country.',
  },
];

export const QUESTION = 'What income does a remote worker need for the E33G KITAS, and how is it extended and taxed?';

/** The chat platform (gateway, CRM, memory, knowledge, chat) with tokens 15 ms apart, and a browser. */
export interface WebPlatform {
  platform: ChatPlatform;
  browser: Browser;
  origin: string;
  stop: () => Promise<void>;
}

export async function startWebPlatform(label: string): Promise<WebPlatform> {
  ensureWebBuilt();
  mkdirSync(ARTIFACTS, { recursive: true });
  const platform = await startChatPlatform(label, { knowledge: true, offlineTokenDelayMs: 15 });
  let browser: Browser | null = null;
  try {
    for (const input of DOCUMENTS) {
      const ingested = await platform.query('mutation($input: IngestDocumentInput!) { ingestDocument(input: $input) { id } }', { input });
      if (ingested.errors) throw new Error(`ingestDocument failed: ${JSON.stringify(ingested.errors)}`);
    }
    browser = await chromium.launch(CHROMIUM);
  } catch (error) {
    await platform.stop();
    throw error;
  }
  const started = browser;
  return {
    platform,
    browser: started,
    origin: platform.gateway.origin,
    stop: async () => {
      await started.close();
      await platform.stop();
    },
  };
}

/** A fresh browser context (its own storage) with every request it makes recorded. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** URLs requested that are not on the gateway's origin (data: and blob: URLs are in-page). */
  foreignRequests: () => string[];
  close: () => Promise<void>;
}

export async function openSession(web: WebPlatform, viewport = { width: 1280, height: 900 }): Promise<BrowserSession> {
  const context = await web.browser.newContext({ viewport });
  const requested: string[] = [];
  context.on('request', (request) => requested.push(request.url()));
  const page = await context.newPage();
  return {
    context,
    page,
    foreignRequests: () => requested.filter((url) => !url.startsWith(`${web.origin}/`) && !/^(data|blob):/.test(url)),
    close: () => context.close(),
  };
}

/** Signs in through the login page with the keyboard only, from wherever the app sent the browser. */
export async function signIn(page: Page, password = TEST_ADMIN.password): Promise<void> {
  await page.getByLabel('Email').waitFor();
  await page.getByLabel('Email').focus();
  await page.keyboard.type(TEST_ADMIN.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** One state of the streaming answer as the DOM showed it. */
export interface AnswerState {
  seq: number;
  state: string;
  text: string;
}

/**
 * In the page (the test code has no DOM types, so it is a script): records every distinct state of
 * the last streaming answer (its seq, stream state and text) from a MutationObserver, so a test sees
 * what a person saw, token by token.
 */
const RECORD_ANSWER_STATES = `(() => {
  const states = [];
  window.answerStates = states;
  const record = () => {
    const answers = document.querySelectorAll('.live-answer');
    const answer = answers[answers.length - 1];
    if (!answer) return;
    const seq = Number(answer.getAttribute('data-seq'));
    const state = answer.querySelector('[data-state]')?.getAttribute('data-state') ?? '';
    const text = answer.querySelector('.answer-text')?.textContent ?? '';
    const last = states[states.length - 1];
    if (!last || last.seq !== seq || last.state !== state || last.text !== text) states.push({ seq, state, text });
  };
  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
})()`;

export async function recordAnswerStates(page: Page): Promise<void> {
  await page.evaluate(RECORD_ANSWER_STATES);
}

export function answerStates(page: Page): Promise<AnswerState[]> {
  return page.evaluate<AnswerState[]>('window.answerStates');
}

/** The characters a person reads of an answer's Markdown source: markers and whitespace gone (the DOM splits blocks without spaces). */
export function readable(markdown: string): string {
  return markdown
    .replace(/\*\*([^*\n]+)\*\*/g, '$1')
    .replace(/(?<!\w)_([^_\n]+)_(?!\w)/g, '$1')
    .replace(/^[-*]\s+/gm, '')
    .replace(/\s+/g, '')
    .trim();
}

/** Opens `path`, signs in on the login page it leads to, and waits for the screen's heading. */
export async function signedInAt(web: WebPlatform, page: Page, path: string): Promise<Page> {
  await page.goto(`${web.origin}${path}`);
  await signIn(page);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.locator('main h1').first().waitFor();
  return page;
}

/** Today in Bali plus `days` (YYYY-MM-DD): deadlines are days in the office's time zone. */
export function baliDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whether the page scrolls sideways (it should not, at any width). */
export function overflowsSideways(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth');
}
