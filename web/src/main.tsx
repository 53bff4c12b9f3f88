import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApolloClient } from './apollo/create-client';
import { App } from './app';
import { navigate, withQuery } from './routing/history';
import { clearSession, onSessionChange } from './session/session-store';
import './styles.css';

/** The gateway refused the token: back to the login page, which brings the person back here. */
function onSessionExpired() {
  if (window.location.pathname === '/login') return;
  clearSession();
  navigate(withQuery('/login', { next: window.location.pathname + window.location.search, expired: 1 }), { replace: true });
}

const { apollo } = createApolloClient(onSessionExpired);
// Nothing of one person's session stays cached for the next one.
onSessionChange((session) => {
  if (!session) void apollo.clearStore();
});
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ApolloProvider client={apollo}>
      <App />
    </ApolloProvider>
  </StrictMode>,
);
