import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { graphql } from '../gql';
import { navigate, useLocation, withQuery } from '../routing/history';
import { Link } from '../routing/link';
import { paths } from '../routing/routes';
import { clientStatusLabels, practiceStatusLabels, practiceTypeLabels } from '../ui/enum-labels';
import { ErrorMessage } from '../ui/error-message';
import { ClientFilters, filterFromSearch } from './client-filters';

const PAGE_SIZE = 20;

const CLIENT_LIST = graphql(`
  query ClientList($first: Int, $after: String, $filter: ClientFilter) {
    clients(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          fullName
          email
          nationality
          status
          practices {
            id
            type
            status
          }
        }
      }
    }
  }
`);

/** The CRM's clients, filtered and paged; the filter and the page live in the URL. */
export function ClientListPage() {
  const { search } = useLocation();
  const filter = filterFromSearch(search);
  const after = search.get('after');
  // Cursors of the pages before this one, for "Previous" (Relay connections page forwards).
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const { data, loading, error } = useQuery(CLIENT_LIST, { variables: { first: PAGE_SIZE, after, filter } });
  const go = (page: string | null) => navigate(withQuery(paths.clients, { ...Object.fromEntries(search), after: page }));
  const connection = data?.clients;

  return (
    <section aria-labelledby="clients-title">
      <header className="page-header">
        <h1 id="clients-title">Clients</h1>
        <p>
          <Link href={paths.newClient}>New client</Link>
        </p>
        {connection && <p className="muted">{connection.totalCount === 1 ? '1 client' : `${connection.totalCount} clients`}</p>}
      </header>
      <ClientFilters
        key={search.toString()}
        filter={filter}
        onApply={(draft) => {
          setPrevious([]);
          navigate(withQuery(paths.clients, draft));
        }}
      />
      <ErrorMessage error={error} />
      {loading && !connection && <p>Loading clients…</p>}
      {connection && connection.edges.length === 0 && <p>No client matches these filters.</p>}
      {connection && connection.edges.length > 0 && (
        <ul className="client-list" aria-busy={loading}>
          {connection.edges.map(({ node }) => (
            <li key={node.id} className="card">
              <Link href={paths.client(node.id)} className="card-title">
                {node.fullName}
              </Link>
              <span className={`badge badge-${node.status.toLowerCase()}`}>{clientStatusLabels[node.status]}</span>
              <p className="muted">{[node.nationality, node.email].filter(Boolean).join(' · ') || 'No contact details'}</p>
              {node.practices.length > 0 && (
                <p className="practice-summary">
                  {node.practices
                    .map((practice) => `${practiceTypeLabels[practice.type]} (${practiceStatusLabels[practice.status]})`)
                    .join(', ')}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          disabled={after === null}
          onClick={() => {
            setPrevious((stack) => stack.slice(0, -1));
            go(previous.at(-1) ?? null);
          }}
        >
          Previous page
        </button>
        <button
          type="button"
          disabled={!connection?.pageInfo.hasNextPage}
          onClick={() => {
            setPrevious((stack) => [...stack, after]);
            go(connection?.pageInfo.endCursor ?? null);
          }}
        >
          Next page
        </button>
      </nav>
    </section>
  );
}
