import type { AuditAction } from '../gql/graphql';
import { auditActionLabels } from '../ui/enum-labels';
import { formatDateTime } from '../ui/format';

export interface AuditEntryView {
  id: string;
  at: string;
  action: AuditAction;
  actorName: string;
  actor: { id: string; name: string } | null;
  changes: readonly { field: string; before: string | null; after: string | null }[];
}

/** A value of an audit change for people: JSON strings unquoted, nothing as an em dash. */
function shown(value: string | null): string {
  if (value === null) return '—';
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

/** Recorded changes, newest first: when, who, what, and each field before → after. */
export function AuditList({ entries, label }: { entries: readonly AuditEntryView[]; label: string }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="audit-list" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className="audit-entry" data-action={entry.action}>
          <p className="audit-meta">
            <span className="badge">{auditActionLabels[entry.action]}</span> <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
            <span className="audit-actor">by {entry.actor?.name ?? entry.actorName}</span>
          </p>
          {entry.changes.length > 0 && (
            <ul className="audit-changes">
              {entry.changes.map((change) => (
                <li key={change.field}>
                  <span className="audit-field">{change.field}</span>: {shown(change.before)} → {shown(change.after)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
