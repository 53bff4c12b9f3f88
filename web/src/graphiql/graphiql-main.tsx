import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readSession } from '../session/session-store';

const url = `${window.location.origin}/graphql`;
const base = createGraphiQLFetcher({ url, subscriptionUrl: url.replace(/^http/, 'ws') });

/**
 * Leaves out an `authorization` header that holds no token yet (the prefilled "Bearer "), which the
 * gateway would refuse, so the schema still loads before a token is pasted. Subscriptions get the
 * same headers as their graphql-ws connection parameters.
 */
const fetcher: Fetcher = (params, options) => {
  const headers = Object.fromEntries(
    Object.entries(options?.headers ?? {}).filter(
      ([name, value]) => !(name.toLowerCase() === 'authorization' && /^\s*Bearer\s*$/i.test(String(value))),
    ),
  );
  return base(params, { ...options, headers });
};

const token = readSession()?.token ?? '';
// `/graphql?query=…` opens GraphiQL on that operation (a link to share an example).
const initialQuery = new URLSearchParams(window.location.search).get('query') ?? undefined;
const headers = JSON.stringify({ authorization: `Bearer ${token}` }, null, 2);

const EXAMPLE = `# Sign in with the login mutation (or the web app, which fills the header below),
# then try the clients, the knowledge base, or stream an answer:
#
# mutation { sendMessage(input: { conversationId: "…", content: "Which KITAS fits a remote worker?" }) { assistantMessage { id } } }
# subscription { messageStream(messageId: "…") { seq delta done status } }

query Clients {
  clients(first: 5) {
    totalCount
    edges {
      node {
        fullName
        nationality
        practices {
          type
          status
        }
      }
    }
  }
}
`;

const container = document.getElementById('graphiql');
if (!container) throw new Error('graphiql.html has no #graphiql element');
createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      initialQuery={initialQuery}
      initialHeaders={headers}
      defaultHeaders={headers}
      defaultQuery={EXAMPLE}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
