import type { ReactNode } from 'react';
import { anyAuditActionLabels, clientStatusLabels, documentStateLabels, practiceStatusLabels } from '../ui/enum-labels';
import { formatDateTime } from '../ui/format';

export interface AuditEntryView {
  id: string;
  at: string;
  /** An action of any subgraph's log (the CRM's, memory's, knowledge's). */
  action: string;
  actorName: string;
  actor?: { id: string; name: string } | null;
  changes: readonly { field: string; before: string | null; after: string | null }[];
  /** What the entry is about, where the list mixes records (the admin log). */
  subject?: ReactNode;
}

/** The labels of the statuses and document states an audit change can carry, by value (they do not overlap). */
const stateLabels: Record<string, string> = { ...clientStatusLabels, ...practiceStatusLabels, ...documentStateLabels };

/** A value of an audit change for people: JSON strings unquoted, statuses by their label, nothing as an em dash. */
function shown(field: string, value: string | null): string {
  if (value === null) return '—';
  let text = value;
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'string') text = parsed;
  } catch {
    // Plain text, as it was.
  }
  const isState = field === 'status' || field.startsWith('documents.');
  return isState ? (stateLabels[text] ?? text) : text;
}

/** Recorded changes, newest first: when, who, what, and each field before → after. */
export function AuditList({
  entries,
  label,
  empty = 'Nothing recorded yet.',
}: {
  entries: readonly AuditEntryView[];
  label: string;
  empty?: string;
}) {
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="audit-list" aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.id} className="audit-entry" data-action={entry.action}>
          <p className="audit-meta">
            <span className="badge">{anyAuditActionLabels[entry.action] ?? entry.action}</span>{' '}
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{' '}
            <span className="audit-actor">by {entry.actor?.name ?? entry.actorName}</span>
            {entry.subject && <span className="audit-subject"> · {entry.subject}</span>}
          </p>
          {entry.changes.length > 0 && (
            <ul className="audit-changes">
              {entry.changes.map((change) => (
                <li key={change.field}>
                  <span className="audit-field">{change.field}</span>: {shown(change.field, change.before)} →{' '}
                  {shown(change.field, change.after)}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
