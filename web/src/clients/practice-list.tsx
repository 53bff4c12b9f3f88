import type { PracticeStatus, PracticeType } from '../gql/graphql';
import { PracticeStatusForm } from '../practices/practice-status-form';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { practiceStatusLabels, practiceTypeLabels } from '../ui/enum-labels';
import { formatDeadline } from '../ui/format';

export interface PracticeView {
  id: string;
  type: PracticeType;
  title: string;
  status: PracticeStatus;
  dueDate: string | null;
  expiryDate: string | null;
  allowedTransitions: PracticeStatus[];
  assignee: { name: string } | null;
}

/** One practice with its workflow step, linked to its page. */
function PracticeItem({ practice }: { practice: PracticeView }) {
  return (
    <li className="card practice" data-practice-id={practice.id}>
      <p className="card-title">
        <Link href={paths.practice(practice.id)}>
          {practiceTypeLabels[practice.type]}: {practice.title}
        </Link>
      </p>
      <p>
        Status: <strong className="practice-status">{practiceStatusLabels[practice.status]}</strong>
        {practice.assignee && <span className="muted"> · {practice.assignee.name}</span>}
        {practice.dueDate && <span className="muted"> · due {formatDeadline(practice.dueDate)}</span>}
        {practice.expiryDate && <span className="muted"> · expires {formatDeadline(practice.expiryDate)}</span>}
      </p>
      <PracticeStatusForm practiceId={practice.id} allowedTransitions={practice.allowedTransitions} />
    </li>
  );
}

export function PracticeList({ practices }: { practices: readonly PracticeView[] }) {
  if (practices.length === 0) return <p className="muted">No practices yet.</p>;
  return (
    <ul className="practice-list">
      {practices.map((practice) => (
        <PracticeItem key={practice.id} practice={practice} />
      ))}
    </ul>
  );
}
