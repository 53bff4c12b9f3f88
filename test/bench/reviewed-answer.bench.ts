/**
 * The reviewed-answer target: a reviewed answer's first token within 20 ms of the request
 * reaching the chat subgraph. Run through Jest (not part of `npm test`) because the platform harness
 * needs tsc's decorator metadata:
 *
 *   npx jest --testMatch '**\/test/bench/reviewed-answer.bench.ts' --runInBand
 *
 * sendMessage is posted straight to the chat subgraph (as the gateway would, with a signed identity);
 * the clock starts as the request is sent and stops when the chat instance appends the answer's first
 * token to its token log (its append is observed in process). The same is measured for questions no
 * reviewed answer is close to (the offline answer, no token delay), as the peer figure of the same run.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { identityHeaders, postGraphQL, TEST_SECRETS } from '@nusa/platform/testing';
import type { Caller } from '@nusa/platform';
import { MemoryApi } from '../../subgraphs/chat/src/message/memory-api';
import { ReviewedAnswers } from '../../subgraphs/chat/src/reviewed-answer/reviewed-answers';
import { startChatPlatform, type ChatPlatform } from '../platform';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const QUESTION = 'What income do I need for the E33G remote worker KITAS?';
const PARAPHRASE = 'How much income do I need for the E33G remote worker KITAS?';
const OTHER = 'Which documents does the remote worker KITAS need?';
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { assistantMessage { id } } }';

let platform: ChatPlatform;
/** When each message's first token was appended to the token log. */
const firstToken = new Map<string, number>();
const firstTokenSeen = new Map<string, () => void>();

beforeAll(async () => {
  platform = await startChatPlatform('reviewed_bench', { knowledge: true, offlineTokenDelayMs: 0 });
  await platform.knowledge?.documents.ingest(platform.knowledge.orm.em.fork(), {
    collection: 'visa_oracle',
    title: 'KITAS for remote workers (E33G)',
    source: 'https://example.org/e33g',
    text: '# Remote worker KITAS\n\nThe E33G remote worker KITAS lets a foreigner live in Bali for one year while working for a company abroad. The applicant needs proof of an annual income of at least USD 60,000.\n\n## Documents\n\n- A passport valid for at least 12 months\n- Bank statements for three months',
  });
  const { log } = platform.chat;
  const append = log.append.bind(log);
  log.append = async (events) => {
    const result = await append(events);
    const now = performance.now();
    for (const event of events) {
      if (event.seq === 1 && !firstToken.has(event.messageId)) {
        firstToken.set(event.messageId, now);
        firstTokenSeen.get(event.messageId)?.();
      }
    }
    return result;
  };
  const saved = await platform.query('mutation($input: SaveReviewedAnswerInput!) { saveReviewedAnswer(input: $input) { id } }', {
    input: { question: QUESTION, answer: 'The E33G remote worker KITAS needs proof of an annual income of at least USD 60,000 [1].' },
  });
  if (saved.errors) throw new Error(JSON.stringify(saved.errors));
}, 180_000);

afterAll(async () => {
  await platform.stop();
});

/** The admin the gateway would forward, from the session token's claims. */
function admin(): Caller {
  const claims = JSON.parse(Buffer.from(platform.token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, string>;
  return { kind: 'member', id: claims.sub ?? '', role: 'ADMIN', name: claims.name ?? '', email: claims.email ?? '' };
}

/** Milliseconds from sending sendMessage to the chat subgraph to its answer's first token in the log. */
async function timeToFirstToken(conversationId: string, content: string): Promise<number> {
  const headers = identityHeaders(admin(), TEST_SECRETS.internalSecret, 'chat');
  const started = performance.now();
  const sent = await postGraphQL<{ sendMessage: { assistantMessage: { id: string } } }>(
    platform.chat.url,
    SEND,
    { input: { conversationId, content } },
    headers,
  );
  const id = sent.data?.sendMessage.assistantMessage.id;
  if (!id) throw new Error(JSON.stringify(sent.errors));
  if (!firstToken.has(id)) await new Promise<void>((resolve) => firstTokenSeen.set(id, resolve));
  return (firstToken.get(id) ?? started) - started;
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

it('measures the first token of reviewed answers against written ones', async () => {
  const conversationId = await platform.conversation();
  // Warm-up: connections, the reviewed-answer index, JIT.
  for (let i = 0; i < 5; i += 1) {
    await timeToFirstToken(conversationId, PARAPHRASE);
    await timeToFirstToken(conversationId, OTHER);
  }
  const reviewed: number[] = [];
  const written: number[] = [];
  const match: number[] = [];
  const openTurn: number[] = [];
  // The two calls the reviewed path makes at once before its first token, timed alone.
  const answers = new ReviewedAnswers(platform.urls.knowledge, TEST_SECRETS.internalSecret);
  const memory = new MemoryApi(platform.urls.memory, TEST_SECRETS.internalSecret);
  for (let i = 0; i < ROUNDS; i += 1) {
    reviewed.push(await timeToFirstToken(conversationId, PARAPHRASE));
    written.push(await timeToFirstToken(conversationId, OTHER));
    let started = performance.now();
    await answers.match(PARAPHRASE);
    match.push(performance.now() - started);
    started = performance.now();
    await memory.openTurn({ conversationId, content: PARAPHRASE, authorId: null, onBehalfOf: admin() });
    openTurn.push(performance.now() - started);
  }
  const line = (name: string, values: number[]) =>
    `${name}: p50 ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms`;
  console.log(
    [
      `first token after sendMessage reaches chat, ${ROUNDS} rounds each, ${cpus().length} cores:`,
      line('  reviewed answer', reviewed),
      line('  written (offline) answer', written),
      line('  of which, alone: knowledge match call', match),
      line('  of which, alone: memory openTurn call', openTurn),
    ].join('\n'),
  );
  expect(reviewed).toHaveLength(ROUNDS);
});
