import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useLiveEvents } from '../apollo/use-live-events';
import { graphql } from '../gql';
import type { TodaysWorkQuery } from '../gql/graphql';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { practiceStatusLabels, practiceTypeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { formatDeadline, relativeDays, todayInOffice } from '../ui/format';
import { groupDeadlines, type Deadline } from './deadline-groups';

/** The CRM's window is days from today in Bali; this screen shows the next 30. */
const WINDOW_DAYS = 30;
/**
 * The lists are read again on every live event (below); this slow reading is the safety net for
 * what no event announces to this screen (a change to a practice of a client it does not watch).
 */
const REFRESH_MS = 5 * 60_000;
/** Clients whose changes the screen follows, at most: each is one subscription, and a session may hold 50. */
const MAX_WATCHED_CLIENTS = 10;

const DEADLINES_ENTERING = graphql(`
  subscription HomeDeadlines($withinDays: Int!) {
    practiceDeadlines(withinDays: $withinDays) {
      practice {
        id
      }
    }
  }
`);

const CLIENT_CHANGES = graphql(`
  subscription HomeClientChanges($clientId: ID!) {
    clientEvents(clientId: $clientId) {
      entry {
        id
      }
    }
  }
`);

const TODAYS_WORK = graphql(`
  query TodaysWork($withinDays: Int!) {
    upcomingDeadlines(withinDays: $withinDays, includeOverdue: true) {
      id
      type
      title
      status
      dueDate
      expiryDate
      client {
        id
        fullName
      }
      assignee {
        id
        name
      }
    }
  }
`);

const MY_OPEN_PRACTICES = graphql(`
  query MyOpenPractices {
    practices(first: 100, filter: { assignedToMe: true, open: true }) {
      totalCount
      edges {
        node {
          id
          type
          title
          status
          client {
            id
            fullName
          }
        }
      }
    }
  }
`);

type Practice = TodaysWorkQuery['upcomingDeadlines'][number];

/** Follows one client's changes (a practice moved, completed, its dates changed) for as long as it is on the screen. */
function ClientWatch({ clientId, onChange }: { clientId: string; onChange: () => void }) {
  useLiveEvents(CLIENT_CHANGES, { clientId }, onChange);
  return null;
}

function DeadlineRow({ deadline }: { deadline: Deadline<Practice> }) {
  const { practice } = deadline;
  return (
    <li className="deadline card" data-practice-id={practice.id}>
      <p className="card-title">
        <Link href={paths.client(practice.client.id)}>{practice.client.fullName}</Link>
      </p>
      <p>
        <Link href={paths.practice(practice.id)}>
          {practiceTypeLabels[practice.type]}: {practice.title}
        </Link>{' '}
        <span className="badge">{practiceStatusLabels[practice.status]}</span>
      </p>
      <p className={deadline.days < 0 ? 'deadline-day error' : 'deadline-day'}>
        {deadline.kind === 'due' ? 'Due' : 'Expires'} <time dateTime={deadline.day}>{formatDeadline(deadline.day)}</time>,{' '}
        {relativeDays(deadline.days)}
        {practice.assignee && <span className="muted"> · {practice.assignee.name}</span>}
      </p>
    </li>
  );
}

function DeadlineGroup({ id, title, deadlines, empty }: { id: string; title: string; deadlines: Deadline<Practice>[]; empty: string }) {
  return (
    <section aria-labelledby={id} className="deadline-group">
      <h2 id={id}>
        {title} <span className="count">({deadlines.length})</span>
      </h2>
      {deadlines.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="deadline-list">
          {deadlines.map((deadline) => (
            <DeadlineRow key={deadline.practice.id} deadline={deadline} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Today's work: what is due or expiring soon, each one click from its client. */
export function HomePage() {
  const { data, loading, error, refetch } = useQuery(TODAYS_WORK, {
    variables: { withinDays: WINDOW_DAYS },
    fetchPolicy: 'cache-and-network',
    pollInterval: REFRESH_MS,
  });
  const [onlyMine, setOnlyMine] = useState(false);
  const mine = useQuery(MY_OPEN_PRACTICES, { fetchPolicy: 'cache-and-network', pollInterval: REFRESH_MS });
  const myPractices = mine.data?.practices.edges.map((edge) => edge.node) ?? [];
  const myIds = new Set(myPractices.map((practice) => practice.id));
  // Live: a practice entering the window (a date set or moved, days passing) and any change to the
  // clients shown read the lists again, without a reload.
  const refresh = () => {
    void refetch();
    void mine.refetch();
  };
  useLiveEvents(DEADLINES_ENTERING, { withinDays: WINDOW_DAYS }, refresh);
  const watched = [...new Set([...(data?.upcomingDeadlines ?? []), ...myPractices].map((practice) => practice.client.id))].slice(
    0,
    MAX_WATCHED_CLIENTS,
  );
  const today = todayInOffice();
  const practices = (data?.upcomingDeadlines ?? []).filter((practice) => !onlyMine || myIds.has(practice.id));
  const groups = groupDeadlines(practices, today);
  return (
    <section aria-labelledby="home-title">
      <header className="page-header">
        <h1 id="home-title">Today’s work</h1>
        <p className="muted">Today in Bali is {formatDeadline(today)}. Deadlines are days in Bali time (WITA, UTC+8).</p>
      </header>
      <div className="inline-form">
        <input id="only-mine" type="checkbox" checked={onlyMine} onChange={(event) => setOnlyMine(event.target.checked)} />
        <label htmlFor="only-mine">Only practices assigned to me</label>
      </div>
      {watched.map((clientId) => (
        <ClientWatch key={clientId} clientId={clientId} onChange={refresh} />
      ))}
      <ErrorMessage error={error ?? mine.error} />
      {loading && !data ? (
        <p>Loading the deadlines…</p>
      ) : (
        <>
          <DeadlineGroup
            id="overdue-title"
            title="Overdue"
            deadlines={groups.overdue}
            empty="No open practice is past its due date, and no permit expired in the last 30 days."
          />
          <DeadlineGroup
            id="week-title"
            title="This week"
            deadlines={groups.thisWeek}
            empty="Nothing due or expiring in the next 7 days."
          />
          <DeadlineGroup
            id="month-title"
            title="This month"
            deadlines={groups.thisMonth}
            empty="Nothing else due or expiring in the next 30 days."
          />
          <section aria-labelledby="mine-title" className="deadline-group">
            <h2 id="mine-title">
              Assigned to me <span className="count">({mine.data?.practices.totalCount ?? 0})</span>
            </h2>
            {myPractices.length === 0 ? (
              <p className="muted">No open practice is assigned to you.</p>
            ) : (
              <ul className="deadline-list">
                {myPractices.map((practice) => (
                  <li key={practice.id} className="card my-practice">
                    <Link href={paths.practice(practice.id)}>
                      {practiceTypeLabels[practice.type]}: {practice.title}
                    </Link>{' '}
                    <span className="badge">{practiceStatusLabels[practice.status]}</span> ·{' '}
                    <Link href={paths.client(practice.client.id)}>{practice.client.fullName}</Link>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </section>
  );
}
