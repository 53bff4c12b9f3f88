import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { AuditList } from '../audit/audit-list';
import { graphql } from '../gql';
import { ErrorMessage } from '../ui/error-message';

const PAGE_SIZE = 10;

const CLIENT_ACTIVITY = graphql(`
  query ClientActivity($id: ID!, $first: Int!, $after: String) {
    client(id: $id) {
      id
      activity(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            at
            action
            actorName
            actor {
              id
              name
            }
            changes {
              field
              before
              after
            }
          }
        }
      }
    }
  }
`);

/**
 * Every recorded change to the client, its practices and interactions, newest first, a page at a
 * time. `version` changes when the client page learns of a new change: the first page is read again.
 */
export function ClientActivity({ clientId, version }: { clientId: string; version: number }) {
  const { data, loading, error, fetchMore, refetch } = useQuery(CLIENT_ACTIVITY, {
    variables: { id: clientId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (version > 0) void refetch({ id: clientId, first: PAGE_SIZE, after: null });
  }, [version, clientId, refetch]);
  const activity = data?.client?.activity;
  if (loading && !activity) return <p>Loading the activity…</p>;
  if (!activity) return <ErrorMessage error={error} />;
  const more = () =>
    fetchMore({
      variables: { after: activity.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => {
        const older = fetchMoreResult.client?.activity;
        const shown = previous.client?.activity;
        if (!older || !shown || !previous.client) return previous;
        return {
          ...previous,
          client: { ...previous.client, activity: { ...older, edges: [...shown.edges, ...older.edges] } },
        };
      },
    });
  return (
    <>
      <p className="muted">
        {activity.edges.length} of {activity.totalCount} recorded changes
      </p>
      <AuditList entries={activity.edges.map((edge) => edge.node)} label="Client activity" />
      <ErrorMessage error={error} />
      {activity.pageInfo.hasNextPage && (
        <button type="button" onClick={() => void more()} disabled={loading}>
          Show older changes
        </button>
      )}
    </>
  );
}
