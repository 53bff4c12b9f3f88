import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** The files a schema check reads. */
export interface SchemaFiles {
  /** The API schema the code produces now (`schema/api.graphql`). */
  working: string;
  /** The last API schema given to partners (`schema/published/api.graphql`). */
  published: string;
  /** The log of accepted breaking changes (`schema/CHANGES.md`). */
  changes: string;
}

/** One difference between the published and the working schema. */
export interface CheckedChange {
  /** How CHANGES.md names it: the change's path (`Query.clients.filter`), or its type when it has none. */
  key: string;
  message: string;
  criticality: CriticalityLevel;
  /** The reason CHANGES.md gives, when this is an accepted breaking change. */
  acceptedBecause?: string;
}

/** What {@link checkSchemaFiles} found. */
export interface SchemaCheckReport {
  changes: CheckedChange[];
  /** Breaking changes CHANGES.md does not list; the check fails when there is one. */
  unaccepted: CheckedChange[];
  /** Keys listed under "Unreleased" that match no breaking change: a typo in a path, most likely. */
  unusedAcceptances: string[];
  passed: boolean;
}

const UNRELEASED = /^## Unreleased[^\S\n]*$/m;
const NEXT_SECTION = /^## /m;
/** `- \`Query.foo\` reason`, with an optional `:` or dash between the path and the reason. */
const ENTRY = /^[-*]\s+`([^`]+)`\s*(?:[:\u2013\u2014-]\s*)?(.*)$/;

interface ChangesLog {
  before: string;
  unreleased: string[];
  after: string;
}

function splitChangesLog(markdown: string, file: string): ChangesLog {
  const heading = UNRELEASED.exec(markdown);
  if (!heading) throw new Error(`${file} has no "## Unreleased" section`);
  const bodyStart = heading.index + heading[0].length;
  const next = NEXT_SECTION.exec(markdown.slice(bodyStart));
  const bodyEnd = next ? bodyStart + next.index : markdown.length;
  return {
    before: markdown.slice(0, heading.index),
    unreleased: markdown.slice(bodyStart, bodyEnd).split('\n'),
    after: markdown.slice(bodyEnd),
  };
}

/**
 * The breaking changes accepted under CHANGES.md's "## Unreleased" heading, by key, with their
 * reasons. Only that section counts: once published, an entry moves under a dated heading and can no
 * longer excuse a later change at the same path.
 */
export function parseAcceptedChanges(markdown: string, file = 'CHANGES.md'): Map<string, string> {
  const accepted = new Map<string, string>();
  for (const line of splitChangesLog(markdown, file).unreleased) {
    const entry = ENTRY.exec(line.trim());
    if (!entry) continue;
    const [, key = '', reason = ''] = entry;
    if (reason.trim() === '') throw new Error(`${file}: \`${key}\` needs a reason after its path`);
    accepted.set(key.trim(), reason.trim());
  }
  return accepted;
}

function readSchema(path: string, role: string) {
  if (!existsSync(path)) throw new Error(`No ${role} schema at ${path}`);
  return buildSchema(readFileSync(path, 'utf8'));
}

/** Diffs the working schema against the published one and holds every breaking change to CHANGES.md. */
export async function checkSchemaFiles(files: SchemaFiles): Promise<SchemaCheckReport> {
  const accepted = parseAcceptedChanges(readFileSync(files.changes, 'utf8'), files.changes);
  const found = await diff(readSchema(files.published, 'published'), readSchema(files.working, 'working'));
  const changes = found.map((change): CheckedChange => {
    // The type names a change that has no path, such as the schema's root types changing.
    const key = change.path ?? String(change.type);
    const breaking = change.criticality.level === CriticalityLevel.Breaking;
    const reason = breaking ? accepted.get(key) : undefined;
    return { key, message: change.message, criticality: change.criticality.level, ...(reason ? { acceptedBecause: reason } : {}) };
  });
  const breaking = changes.filter((change) => change.criticality === CriticalityLevel.Breaking);
  const unaccepted = breaking.filter((change) => change.acceptedBecause === undefined);
  const unusedAcceptances = [...accepted.keys()].filter((key) => !breaking.some((change) => change.key === key));
  return { changes, unaccepted, unusedAcceptances, passed: unaccepted.length === 0 };
}

const LABELS: Record<CriticalityLevel, string> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

/** The report as lines for a terminal, one per change, then the verdict. */
export function formatReport(report: SchemaCheckReport, changesFile = 'schema/CHANGES.md'): string {
  const lines = report.changes.map((change) => {
    const verdict =
      change.criticality !== CriticalityLevel.Breaking
        ? ''
        : change.acceptedBecause
          ? `  [accepted: ${change.acceptedBecause}]`
          : `  [NOT ACCEPTED: list \`${change.key}\` in ${changesFile}]`;
    return `${LABELS[change.criticality].padEnd(9)} ${change.key}: ${change.message}${verdict}`;
  });
  for (const key of report.unusedAcceptances)
    lines.push(`warning   ${changesFile} accepts \`${key}\`, but no breaking change has that path`);
  const count = (level: CriticalityLevel) => report.changes.filter((change) => change.criticality === level).length;
  lines.push(
    report.changes.length === 0
      ? 'No change from the published schema.'
      : `${report.changes.length} change(s): ${count(CriticalityLevel.Breaking)} breaking (${report.unaccepted.length} not accepted), ` +
          `${count(CriticalityLevel.Dangerous)} dangerous, ${count(CriticalityLevel.NonBreaking)} safe.`,
  );
  if (!report.passed) lines.push(`Schema check failed: a breaking change must be listed under "## Unreleased" in ${changesFile}.`);
  return `${lines.join('\n')}\n`;
}

/**
 * Makes the working schema the published baseline, once it passes the check, and files CHANGES.md's
 * Unreleased entries under `date`. Returns the report it published on.
 */
export async function publishSchema(files: SchemaFiles, date = new Date().toISOString().slice(0, 10)): Promise<SchemaCheckReport> {
  const report = existsSync(files.published)
    ? await checkSchemaFiles(files)
    : { changes: [], unaccepted: [], unusedAcceptances: [], passed: true };
  if (!report.passed) return report;
  mkdirSync(dirname(files.published), { recursive: true });
  writeFileSync(files.published, readFileSync(files.working, 'utf8'));
  const log = splitChangesLog(readFileSync(files.changes, 'utf8'), files.changes);
  const entries = log.unreleased.filter((line) => ENTRY.test(line.trim()));
  if (entries.length > 0) {
    const kept = log.unreleased.filter((line) => !ENTRY.test(line.trim())).join('\n');
    const sections = ['## Unreleased', kept.trim(), `## ${date}\n\n${entries.join('\n')}`, log.after.trim()].filter(Boolean);
    writeFileSync(files.changes, `${log.before}${sections.join('\n\n')}\n`);
  }
  return report;
}
