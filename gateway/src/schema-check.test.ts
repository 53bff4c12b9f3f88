import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CriticalityLevel } from '@graphql-inspector/core';
import { checkSchemaFiles, formatReport, parseAcceptedChanges, publishSchema, type SchemaFiles } from './schema-check';

const PUBLISHED = `
type Query {
  client(id: ID!): Client
  clients(first: Int, after: String): [Client!]!
  serviceCatalog: [String!]!
}

type Client {
  id: ID!
  fullName: String!
}
`;

const CHANGES_HEAD = '# Schema changes\n\nFormat: see schema/CHANGES.md.\n\n';

describe('the schema check', () => {
  let dir: string;
  let files: SchemaFiles;

  const write = (working: string, unreleased = '') => {
    writeFileSync(files.working, working);
    writeFileSync(files.changes, `${CHANGES_HEAD}## Unreleased\n\n${unreleased}\n## 2026-01-01\n\n- First published schema.\n`);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
    files = { working: join(dir, 'api.graphql'), published: join(dir, 'published', 'api.graphql'), changes: join(dir, 'CHANGES.md') };
    write(PUBLISHED);
    return publishSchema(files);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a removed field that CHANGES.md does not list', async () => {
    write(PUBLISHED.replace('  serviceCatalog: [String!]!\n', ''));
    const report = await checkSchemaFiles(files);
    expect(report.passed).toBe(false);
    expect(report.unaccepted).toEqual([expect.objectContaining({ key: 'Query.serviceCatalog', criticality: CriticalityLevel.Breaking })]);
    expect(formatReport(report)).toMatch(/BREAKING {2}Query\.serviceCatalog: .*NOT ACCEPTED/);
  });

  it('fails on an argument made required that CHANGES.md does not list', async () => {
    write(PUBLISHED.replace('clients(first: Int,', 'clients(first: Int!,'));
    const report = await checkSchemaFiles(files);
    expect(report.passed).toBe(false);
    expect(report.unaccepted.map((change) => change.key)).toEqual(['Query.clients.first']);
  });

  it('passes the same breaking change once CHANGES.md lists it under Unreleased, with its reason', async () => {
    write(PUBLISHED.replace('  serviceCatalog: [String!]!\n', ''), '- `Query.serviceCatalog` removed: replaced by the CRM price list\n');
    const report = await checkSchemaFiles(files);
    expect(report.passed).toBe(true);
    expect(report.changes).toEqual([
      expect.objectContaining({ key: 'Query.serviceCatalog', acceptedBecause: 'removed: replaced by the CRM price list' }),
    ]);
    expect(formatReport(report)).toContain('[accepted: removed: replaced by the CRM price list]');
  });

  it('does not let an entry under an older, published heading excuse a new change', async () => {
    write(PUBLISHED.replace('  serviceCatalog: [String!]!\n', ''));
    writeFileSync(files.changes, `${CHANGES_HEAD}## Unreleased\n\n## 2026-01-01\n\n- \`Query.serviceCatalog\` removed once before\n`);
    expect((await checkSchemaFiles(files)).passed).toBe(false);
  });

  it('passes a safe change (a field added) and reports it', async () => {
    write(PUBLISHED.replace('  fullName: String!\n', '  fullName: String!\n  email: String\n'));
    const report = await checkSchemaFiles(files);
    expect(report.passed).toBe(true);
    expect(report.changes).toEqual([expect.objectContaining({ key: 'Client.email', criticality: CriticalityLevel.NonBreaking })]);
    expect(formatReport(report)).toMatch(/^SAFE {6}Client\.email: /m);
  });

  it('warns about an accepted path that matches no breaking change', async () => {
    write(PUBLISHED, '- `Query.servceCatalog` removed: typo in the path\n');
    const report = await checkSchemaFiles(files);
    expect(report.unusedAcceptances).toEqual(['Query.servceCatalog']);
    expect(formatReport(report)).toBe(
      'warning   schema/CHANGES.md accepts `Query.servceCatalog`, but no breaking change has that path\nNo change from the published schema.\n',
    );
  });

  it('publishes an accepted change: the baseline moves and the entry is filed under the date', async () => {
    const working = PUBLISHED.replace('  serviceCatalog: [String!]!\n', '');
    write(working, '- `Query.serviceCatalog` removed: replaced by the CRM price list\n');
    const report = await publishSchema(files, '2026-11-22');
    expect(report.passed).toBe(true);
    expect(readFileSync(files.published, 'utf8')).toBe(working);
    const log = readFileSync(files.changes, 'utf8');
    expect(log).toContain(
      '## Unreleased\n\n## 2026-11-22\n\n- `Query.serviceCatalog` removed: replaced by the CRM price list\n\n## 2026-01-01',
    );
    expect(parseAcceptedChanges(log).size).toBe(0);
    expect((await checkSchemaFiles(files)).changes).toEqual([]);
  });

  it('refuses to publish a breaking change nobody accepted, leaving the baseline as it was', async () => {
    write(PUBLISHED.replace('  serviceCatalog: [String!]!\n', ''));
    expect((await publishSchema(files)).passed).toBe(false);
    expect(readFileSync(files.published, 'utf8')).toBe(PUBLISHED);
  });

  it('rejects an entry without a reason', () => {
    expect(() => parseAcceptedChanges('## Unreleased\n\n- `Query.foo`\n')).toThrow('`Query.foo` needs a reason');
  });
});
