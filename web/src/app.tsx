import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { ApiKeysPage } from './admin/api-keys-page';
import { AuditLogPage } from './admin/audit-log-page';
import { KnowledgeAdminPage } from './admin/knowledge-admin-page';
import { TeamPage } from './admin/team-page';
import { ChatPage } from './chat/chat-page';
import { EditClientPage, NewClientPage } from './clients/client-form-page';
import { ClientListPage } from './clients/client-list-page';
import { ClientPage } from './clients/client-page';
import { HomePage } from './home/home-page';
import { DocumentPage } from './knowledge/document-page';
import { KnowledgeSearchPage } from './knowledge/knowledge-search-page';
import { OpenPracticePage } from './practices/open-practice-page';
import { PracticePage } from './practices/practice-page';
import { navigate, useLocation } from './routing/history';
import { Link } from './routing/link';
import { matchRoute, paths, type Route } from './routing/routes';
import { LoginPage } from './session/login-page';
import { clearSession, onSessionChange, readSession, type Session } from './session/session-store';

// The stored session changes only through session-store, which notifies; reading it again on
// every render would also notice an expiry.
let current = readSession();
onSessionChange((session) => {
  current = session;
});
const subscribeSession = (listener: () => void) => onSessionChange(listener);
const sessionSnapshot = (): Session | null => current;

function AdminOnly({ session, children }: { session: Session | null; children: ReactNode }) {
  if (session?.member.role !== 'ADMIN') return <p className="error">Only administrators can open this page.</p>;
  return <>{children}</>;
}

function Screen({ route, session }: { route: Route; session: Session | null }) {
  switch (route.name) {
    case 'login':
      return <LoginPage />;
    case 'home':
      return <HomePage />;
    case 'clients':
      return <ClientListPage />;
    case 'client-new':
      return <NewClientPage />;
    case 'client':
      return <ClientPage key={route.id} clientId={route.id} />;
    case 'client-edit':
      return <EditClientPage key={route.id} clientId={route.id} />;
    case 'practice-new':
      return <OpenPracticePage key={route.id} clientId={route.id} />;
    case 'practice':
      return <PracticePage key={route.id} practiceId={route.id} />;
    case 'admin-api-keys':
      return (
        <AdminOnly session={session}>
          <ApiKeysPage />
        </AdminOnly>
      );
    case 'admin-audit':
      return (
        <AdminOnly session={session}>
          <AuditLogPage />
        </AdminOnly>
      );
    case 'admin-knowledge':
      return (
        <AdminOnly session={session}>
          <KnowledgeAdminPage />
        </AdminOnly>
      );
    case 'admin-team':
      return (
        <AdminOnly session={session}>
          <TeamPage />
        </AdminOnly>
      );
    case 'conversation':
      return <ChatPage key={route.id} conversationId={route.id} canReview={session?.member.role === 'ADMIN'} />;
    case 'knowledge':
      return <KnowledgeSearchPage />;
    case 'document':
      return <DocumentPage key={route.id} documentId={route.id} canDelete={session?.member.role === 'ADMIN'} />;
    case 'not-found':
      return (
        <p>
          There is no page here. <Link href={paths.home}>Go to today’s work</Link>.
        </p>
      );
  }
}

function Header({ session }: { session: Session }) {
  const { pathname } = useLocation();
  const current = (prefix: string) => (pathname.startsWith(prefix) ? 'page' : undefined);
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav aria-label="Main">
        <Link href={paths.home} aria-current={pathname === '/' ? 'page' : undefined}>
          Today
        </Link>
        <Link href={paths.clients} aria-current={current('/clients')}>
          Clients
        </Link>
        <Link href={paths.knowledge} aria-current={current('/knowledge')}>
          Knowledge
        </Link>
        {session.member.role === 'ADMIN' && (
          <Link href={paths.adminApiKeys} aria-current={current('/admin')}>
            Admin
          </Link>
        )}
        {/* A full page load: the gateway serves GraphiQL to browsers on GET /graphql. */}
        <a href="/graphql">GraphiQL</a>
      </nav>
      <div className="member">
        <span>{session.member.name}</span>
        <button type="button" className="secondary" onClick={clearSession}>
          Sign out
        </button>
      </div>
    </header>
  );
}

/** The app: the login page without a session, the screens with one. */
export function App() {
  const session = useSyncExternalStore(subscribeSession, sessionSnapshot);
  const location = useLocation();
  const route = matchRoute(location.pathname);
  const mustSignIn = !session && route.name !== 'login';
  useEffect(() => {
    if (mustSignIn) navigate(paths.login(location.href), { replace: true });
  }, [mustSignIn, location.href]);
  // A new screen: keyboard and screen-reader users start at its content, not where the link was.
  const [firstPath] = useState(location.pathname);
  useEffect(() => {
    if (location.pathname !== firstPath && route.name !== 'login') document.getElementById('main')?.focus();
  }, [location.pathname, firstPath, route.name]);
  if (mustSignIn) return null;
  return (
    <>
      {session && route.name !== 'login' && <Header session={session} />}
      <main id="main" tabIndex={-1}>
        <Screen route={route} session={session} />
      </main>
    </>
  );
}
