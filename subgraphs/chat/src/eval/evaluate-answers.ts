import 'reflect-metadata';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, runMain, type Caller } from '@nusa/platform';
import { startFakeAnthropic, TEST_SECRETS } from '@nusa/platform/testing';
import { ClaudeResponder } from '../generation/claude.js';
import { GROUNDING_HITS } from '../generation/generator.js';
import { composeOfflineAnswer } from '../generation/offline.js';
import { Platform } from '../generation/platform.js';
import { Sources, type Grounding, type Responder } from '../generation/responder.js';
import {
  loadAnswerSet,
  scoreAnswer,
  summarize,
  type AnswerCase,
  type AnswerScore,
  type AnswerSplit,
  type PathSummary,
} from './answer-score.js';
import { groundingEcho } from './grounding-echo.js';
import { startKnowledgeProcess } from './knowledge-process.js';

const root = join(__dirname, '..', '..', '..', '..');
const seedDir = join(root, 'subgraphs', 'knowledge', 'seed');
const caller: Caller = { kind: 'member', id: 'answer-eval', role: 'ADMIN', name: 'Answer evaluation', email: 'eval@example.com' };

/** `<collection>/<file>.md` of each seed document, by the title its front matter gives (what a citation carries). */
function seedFilesByTitle(): Map<string, string> {
  const files = new Map<string, string>();
  // Collections are the seed's folders; files beside them (the domain vocabulary) are not documents.
  for (const collection of readdirSync(seedDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)) {
    for (const file of readdirSync(join(seedDir, collection)).filter((name) => name.endsWith('.md'))) {
      const title = /^title:\s*(.+)$/m.exec(readFileSync(join(seedDir, collection, file), 'utf8'))?.[1] ?? '';
      files.set(titleKey(title), `${collection}/${file}`);
    }
  }
  return files;
}

/** A title without quotes or case: front matter quotes some titles, and the knowledge import drops a trailing quote of others. */
function titleKey(title: string): string {
  return title.replace(/["']/g, '').trim().toLowerCase();
}

const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`);
const SPLITS: AnswerSplit[] = ['dev', 'test'];

function row(split: AnswerSplit, path: string, s: PathSummary): string {
  return `| ${split} (${s.answerable} + ${s.outOfDomain}) | ${path} | ${pct(s.allFacts, s.answerable)} | ${pct(s.factsFound, s.factsTotal)} | ${pct(s.citedRelevant, s.cited)} | ${pct(s.groupsCited, s.groupsTotal)} | ${(s.cited / s.answerable).toFixed(2)} | ${s.noAnswerCorrect}/${s.outOfDomain} | ${s.falseNoAnswer} |`;
}

/** The collection a case is reported under: its first required document's; out-of-domain cases have none. */
const collectionOf = (entry: AnswerCase) => entry.documents?.[0]?.[0]?.split('/')[0] ?? 'out of domain';

/** The summary of the cases `keep` chooses, each with its score (`scores` is in the order of `cases`). */
function summaryOf(cases: AnswerCase[], scores: AnswerScore[], keep: (entry: AnswerCase) => boolean): PathSummary {
  const chosen = cases.flatMap((entry, index) => (keep(entry) ? [{ entry, score: scores[index] as AnswerScore }] : []));
  return summarize(
    chosen.map(({ entry }) => entry),
    chosen.map(({ score }) => score),
  );
}

function perCollection(split: AnswerSplit, cases: AnswerCase[], scores: AnswerScore[]): string[] {
  const collections = [...new Set(cases.filter((entry) => entry.split === split).map(collectionOf))].sort();
  return [
    `| ${split}: collection | answers with all facts | citation precision |`,
    '|---|---:|---:|',
    ...collections.map((collection) => {
      const s = summaryOf(cases, scores, (entry) => entry.split === split && collectionOf(entry) === collection);
      return s.answerable === 0
        ? `| ${collection} (${s.outOfDomain}) | no-answer reply ${s.noAnswerCorrect}/${s.outOfDomain} | - |`
        : `| ${collection} (${s.answerable}) | ${pct(s.allFacts, s.answerable)} | ${pct(s.citedRelevant, s.cited)} |`;
    }),
  ];
}

/** Misses of the dev split only: the test split is for reporting, and printing its misses would invite tuning on it. */
function devMisses(cases: AnswerCase[], scores: AnswerScore[]): string[] {
  return cases.flatMap((entry, index) => {
    const score = scores[index] as AnswerScore;
    if (entry.split !== 'dev') return [];
    if (entry.noAnswer)
      return score.saysNoAnswer && score.cited.length === 0
        ? []
        : [`- "${entry.question}": no-answer expected, cited ${score.cited.join(', ') || 'nothing'}`];
    const missing = (entry.facts ?? []).filter((_, at) => !score.factsFound[at]).map((alternatives) => alternatives[0]);
    const irrelevant = score.cited.length - score.citedRelevant;
    if (missing.length === 0 && irrelevant === 0 && score.groupsCited === (entry.documents?.length ?? 0)) return [];
    return [`- "${entry.question}": missing ${JSON.stringify(missing)}, cited ${score.cited.join(', ') || 'nothing'}`];
  });
}

/**
 * The answer evaluation: every question of `answers.json` through the offline responder and the
 * Claude path (the real SDK against the fake Anthropic server, scripted to repeat the grounding it
 * is given), against the knowledge subgraph started from its build with the seed documents. Each
 * split is reported on its own (dev: tune on it; test: report only); misses are listed for dev
 * alone. `--dev` runs the dev split alone, so while tuning the test figures are not even computed.
 */
runMain(async () => {
  const all = loadAnswerSet(join(root, 'subgraphs', 'chat', 'src', 'eval', 'answers.json'));
  const splits = process.argv.includes('--dev') ? (['dev'] as AnswerSplit[]) : SPLITS;
  const cases = all.filter((entry) => splits.includes(entry.split));
  const titles = seedFilesByTitle();
  const knowledge = await startKnowledgeProcess();
  const fake = await startFakeAnthropic(groundingEcho);
  try {
    const platform = new Platform({ crm: 'http://127.0.0.1:9/graphql', knowledge: knowledge.url }, TEST_SECRETS.internalSecret);
    const claude = new ClaudeResponder(
      { apiKey: 'eval-key', baseUrl: fake.baseUrl, model: 'claude-haiku-4-5', maxTokens: 1024, maxRetries: 0 },
      platform,
      createLogger('eval-answers', 'warn'),
    );
    const fileOf = (title: string) => titles.get(titleKey(title)) ?? `unknown:${title}`;
    const offlineScores: AnswerScore[] = [];
    const claudeScores: AnswerScore[] = [];
    for (const entry of cases) {
      const hits = await platform.searchKnowledge(caller, entry.question, { limit: GROUNDING_HITS });
      const grounding = (): Grounding => {
        const sources = new Sources();
        sources.add(hits);
        return { question: entry.question, history: [], clientId: null, facts: [], sources };
      };
      const offline = grounding();
      const offlineText = composeOfflineAnswer(offline);
      offlineScores.push(
        scoreAnswer(
          entry,
          offlineText,
          offline.sources.cited(offlineText).map((c) => fileOf(c.title)),
        ),
      );
      const viaClaude = grounding();
      const claudeText = await answerWith(claude, viaClaude);
      claudeScores.push(
        scoreAnswer(
          entry,
          claudeText,
          viaClaude.sources.cited(claudeText).map((c) => fileOf(c.title)),
        ),
      );
    }
    const ofSplit = (split: AnswerSplit, scores: AnswerScore[]) => summaryOf(cases, scores, (entry) => entry.split === split);
    const count = (split: AnswerSplit) => all.filter((entry) => entry.split === split).length;
    process.stdout.write(
      [
        `Answer evaluation: ${all.length} questions (dev ${count('dev')}, test ${count('test')}; answerable + out-of-domain per split below), against the knowledge subgraph with its seed documents (${GROUNDING_HITS} hits per question).`,
        'The Claude path runs the real SDK against the fake Anthropic server, which repeats every passage the system prompt gives it: it measures the grounding delivered to the model, not Claude.',
        '',
        '| split | path | answers with all facts | fact recall | citation precision | citation recall | documents cited per answer | out-of-domain: no-answer reply | answerable: no-answer reply |',
        '|---|---|---:|---:|---:|---:|---:|---:|---:|',
        ...splits.flatMap((split) => [
          row(split, 'offline responder', ofSplit(split, offlineScores)),
          row(split, 'Claude path (grounding delivered)', ofSplit(split, claudeScores)),
        ]),
        '',
        ...splits.flatMap((split) => ['Offline responder by collection:', ...perCollection(split, cases, offlineScores), '']),
        'Offline misses on dev:',
        ...devMisses(cases, offlineScores),
        '',
        'Claude path misses on dev:',
        ...devMisses(cases, claudeScores),
        '',
      ].join('\n'),
    );
  } finally {
    await fake.stop();
    await knowledge.stop();
  }
});

/** Runs one answer through a responder and returns its text. */
async function answerWith(responder: Responder, grounding: Grounding): Promise<string> {
  let text = '';
  await responder.respond({
    grounding,
    caller,
    emit: (delta) => (text += delta),
    recordTool: () => Promise.resolve(),
    signal: new AbortController().signal,
  });
  return text;
}
