import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { AuditList, type AuditEntryView } from '../audit/audit-list';
import { graphql } from '../gql';
import type { AuditEntityType } from '../gql/graphql';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { auditEntityTypeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { FormField } from '../ui/form-field';
import { AdminNav } from './admin-nav';

const PAGE_SIZE = 20;

// The three subgraphs keep their own logs (each is written in the transaction of its own
// database): one query each, with the same filters and page shape.
const CRM_AUDIT_LOG = graphql(`
  query CrmAuditLog(
    $actorId: ID
    $entityType: AuditEntityType
    $entityId: ID
    $from: DateTimeISO
    $to: DateTimeISO
    $first: Int
    $after: String
  ) {
    auditLog(actorId: $actorId, entityType: $entityType, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          action
          actorName
          entityType
          entityId
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`);

const MEMORY_AUDIT_LOG = graphql(`
  query MemoryAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
    memoryAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          action
          actorName
          entityType
          entityId
          clientId
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`);

const KNOWLEDGE_AUDIT_LOG = graphql(`
  query KnowledgeAuditLog($actorId: ID, $entityId: ID, $from: DateTimeISO, $to: DateTimeISO, $first: Int, $after: String) {
    knowledgeAuditLog(actorId: $actorId, entityId: $entityId, from: $from, to: $to, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          at
          action
          actorName
          entityType
          entityId
          changes {
            field
            before
            after
          }
        }
      }
    }
  }
`);

const AUDIT_ACTORS = graphql(`
  query AuditActors {
    allTeamMembers {
      id
      name
      email
    }
    apiKeys {
      id
      name
    }
  }
`);

type Log = 'crm' | 'memory' | 'knowledge';

const LOGS: { value: Log; label: string }[] = [
  { value: 'crm', label: 'CRM: clients, practices, interactions, team, API keys' },
  { value: 'memory', label: 'Memory: facts the assistant remembers' },
  { value: 'knowledge', label: 'Knowledge base: documents' },
];

interface Filters {
  log: Log;
  actorId: string;
  entityType: AuditEntityType | '';
  entityId: string;
  /** `datetime-local` values: the viewer's own time. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { log: 'crm', actorId: '', entityType: '', entityId: '', from: '', to: '' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query variables of `filters`: empty ones left out, local times as instants. */
function variablesOf(filters: Filters, after: string | null) {
  return {
    first: PAGE_SIZE,
    after,
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.entityId.trim() ? { entityId: filters.entityId.trim() } : {}),
    ...(filters.from ? { from: new Date(filters.from).toISOString() } : {}),
    ...(filters.to ? { to: new Date(filters.to).toISOString() } : {}),
  };
}

/** Where an entry's record is shown, when the app has a page for it. */
function subjectOf(log: Log, entry: { entityType: string; entityId: string; clientId?: string }) {
  const short = entry.entityId.slice(0, 8);
  if (log === 'crm') {
    const label = `${auditEntityTypeLabels[entry.entityType as AuditEntityType]} ${short}`;
    if (entry.entityType === 'CLIENT') return <Link href={paths.client(entry.entityId)}>{label}</Link>;
    if (entry.entityType === 'PRACTICE') return <Link href={paths.practice(entry.entityId)}>{label}</Link>;
    return <span>{label}</span>;
  }
  if (log === 'memory') {
    const label = entry.entityType === 'CLIENT' ? `Client ${short}` : `Fact ${short}`;
    return entry.clientId ? <Link href={paths.client(entry.clientId)}>{label}</Link> : <span>{label}</span>;
  }
  return <Link href={paths.document(entry.entityId)}>Document {short}</Link>;
}

function FilterForm({ applied, onApply }: { applied: Filters; onApply: (filters: Filters) => void }) {
  const [draft, setDraft] = useState(applied);
  const actors = useQuery(AUDIT_ACTORS, { fetchPolicy: 'cache-and-network' });
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const entityIdError =
    draft.entityId.trim() && !UUID.test(draft.entityId.trim()) ? 'An id looks like 8-4-4-4-12 hexadecimal digits.' : null;
  const rangeError = draft.from && draft.to && new Date(draft.from) >= new Date(draft.to) ? '“To” must be after “From”.' : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!entityIdError && !rangeError) onApply(draft);
  };
  return (
    <form className="stacked-form audit-filters" onSubmit={submit} aria-labelledby="audit-filters-title">
      <h2 id="audit-filters-title">Filters</h2>
      <FormField id="audit-log" label="Which log">
        <select id="audit-log" value={draft.log} onChange={(event) => set('log', event.target.value as Log)}>
          {LOGS.map((log) => (
            <option key={log.value} value={log.value}>
              {log.label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="audit-actor" label="Actor">
        <select id="audit-actor" value={draft.actorId} onChange={(event) => set('actorId', event.target.value)}>
          <option value="">Anyone</option>
          <optgroup label="Team members">
            {(actors.data?.allTeamMembers ?? []).map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.email})
              </option>
            ))}
          </optgroup>
          <optgroup label="API keys">
            {(actors.data?.apiKeys ?? []).map((key) => (
              <option key={key.id} value={key.id}>
                {key.name}
              </option>
            ))}
          </optgroup>
        </select>
      </FormField>
      <ErrorMessage error={actors.error} />
      {draft.log === 'crm' && (
        <FormField id="audit-entity-type" label="Entity type">
          <select
            id="audit-entity-type"
            value={draft.entityType}
            onChange={(event) => set('entityType', event.target.value as AuditEntityType | '')}
          >
            <option value="">Any</option>
            {(Object.keys(auditEntityTypeLabels) as AuditEntityType[]).map((type) => (
              <option key={type} value={type}>
                {auditEntityTypeLabels[type]}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <FormField id="audit-entity-id" label="Entity id" hint="The id of one client, practice, fact or document." error={entityIdError}>
        <input
          id="audit-entity-id"
          value={draft.entityId}
          onChange={(event) => set('entityId', event.target.value)}
          aria-invalid={entityIdError ? true : undefined}
          aria-describedby={entityIdError ? 'audit-entity-id-hint audit-entity-id-error' : 'audit-entity-id-hint'}
          spellCheck={false}
        />
      </FormField>
      <FormField id="audit-from" label="From (your time)">
        <input id="audit-from" type="datetime-local" value={draft.from} onChange={(event) => set('from', event.target.value)} />
      </FormField>
      <FormField id="audit-to" label="To (your time)" error={rangeError}>
        <input
          id="audit-to"
          type="datetime-local"
          value={draft.to}
          onChange={(event) => set('to', event.target.value)}
          aria-invalid={rangeError ? true : undefined}
          aria-describedby={rangeError ? 'audit-to-error' : undefined}
        />
      </FormField>
      <div className="actions">
        <button type="submit">Show entries</button>
        <button
          type="button"
          onClick={() => {
            setDraft(NO_FILTERS);
            onApply(NO_FILTERS);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}

interface LogPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  entries: AuditEntryView[];
}

/** The page of the chosen log under `filters`, read with that log's own query. */
function useLogPage(filters: Filters, after: string | null) {
  const variables = variablesOf(filters, after);
  const options = { fetchPolicy: 'cache-and-network' as const };
  const crm = useQuery(CRM_AUDIT_LOG, {
    ...options,
    skip: filters.log !== 'crm',
    variables: { ...variables, ...(filters.entityType ? { entityType: filters.entityType } : {}) },
  });
  const memory = useQuery(MEMORY_AUDIT_LOG, { ...options, skip: filters.log !== 'memory', variables });
  const knowledge = useQuery(KNOWLEDGE_AUDIT_LOG, { ...options, skip: filters.log !== 'knowledge', variables });
  const result = filters.log === 'crm' ? crm : filters.log === 'memory' ? memory : knowledge;
  const connection =
    filters.log === 'crm' ? crm.data?.auditLog : filters.log === 'memory' ? memory.data?.memoryAuditLog : knowledge.data?.knowledgeAuditLog;
  const page: LogPage | undefined = connection
    ? {
        totalCount: connection.totalCount,
        pageInfo: connection.pageInfo,
        entries: connection.edges.map(({ node }) => ({ ...node, subject: subjectOf(filters.log, node) })),
      }
    : undefined;
  return { page, loading: result.loading, error: result.error };
}

/** The whole audit trail for administrators: who changed what and when, newest first, filtered and paged. */
export function AuditLogPage() {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The cursors of the pages before this one, to go back; null is the newest page.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors.at(-1) ?? null;
  const { page, loading, error } = useLogPage(filters, after);
  const apply = (next: Filters) => {
    setFilters(next);
    setCursors([null]);
  };
  const pageNumber = cursors.length;
  return (
    <section aria-labelledby="audit-log-title">
      <header className="page-header">
        <h1 id="audit-log-title">Audit log</h1>
        <p className="muted">Every recorded write, newest first. Entries are never changed or removed. Times are in your own time zone.</p>
      </header>
      <AdminNav />
      <div className="columns">
        <div>
          {loading && !page ? (
            <p role="status">Loading the audit log…</p>
          ) : error && !page ? (
            <ErrorMessage error={error} />
          ) : page ? (
            <>
              <p className="muted" role="status">
                {page.totalCount === 0
                  ? 'No entry matches.'
                  : `${page.totalCount} matching ${page.totalCount === 1 ? 'entry' : 'entries'}; page ${pageNumber}, ${PAGE_SIZE} a page.`}
              </p>
              <AuditList entries={page.entries} label="Audit log entries" empty="No recorded write matches these filters." />
              <ErrorMessage error={error} />
              {(pageNumber > 1 || page.pageInfo.hasNextPage) && (
                <nav className="actions" aria-label="Audit log pages">
                  {pageNumber > 1 && (
                    <button type="button" onClick={() => setCursors((previous) => previous.slice(0, -1))}>
                      Newer entries
                    </button>
                  )}
                  {page.pageInfo.hasNextPage && page.pageInfo.endCursor && (
                    <button
                      type="button"
                      onClick={() => setCursors((previous) => [...previous, page.pageInfo.endCursor])}
                      disabled={loading}
                    >
                      Older entries
                    </button>
                  )}
                </nav>
              )}
            </>
          ) : null}
        </div>
        <aside className="side-panel">
          <FilterForm applied={filters} onApply={apply} />
        </aside>
      </div>
    </section>
  );
}
