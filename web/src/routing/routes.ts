/** The screens of the app, by URL. */
export type Route =
  | { name: 'login' }
  | { name: 'home' }
  | { name: 'clients' }
  | { name: 'client-new' }
  | { name: 'client'; id: string }
  | { name: 'client-edit'; id: string }
  | { name: 'practice-new'; id: string }
  | { name: 'practice'; id: string }
  | { name: 'conversation'; id: string }
  | { name: 'knowledge' }
  | { name: 'document'; id: string }
  | { name: 'admin-api-keys' }
  | { name: 'admin-audit' }
  | { name: 'admin-knowledge' }
  | { name: 'admin-team' }
  | { name: 'not-found' };

const FIXED: Record<string, Route> = {
  '/': { name: 'home' },
  '/login': { name: 'login' },
  '/clients': { name: 'clients' },
  '/clients/new': { name: 'client-new' },
  '/knowledge': { name: 'knowledge' },
  '/admin': { name: 'admin-api-keys' },
  '/admin/api-keys': { name: 'admin-api-keys' },
  '/admin/audit': { name: 'admin-audit' },
  '/admin/knowledge': { name: 'admin-knowledge' },
  '/admin/team': { name: 'admin-team' },
};

const PATTERNS: [RegExp, (id: string) => Route][] = [
  [/^\/clients\/([^/]+)$/, (id) => ({ name: 'client', id })],
  [/^\/clients\/([^/]+)\/edit$/, (id) => ({ name: 'client-edit', id })],
  [/^\/clients\/([^/]+)\/practices\/new$/, (id) => ({ name: 'practice-new', id })],
  [/^\/practices\/([^/]+)$/, (id) => ({ name: 'practice', id })],
  [/^\/conversations\/([^/]+)$/, (id) => ({ name: 'conversation', id })],
  [/^\/documents\/([^/]+)$/, (id) => ({ name: 'document', id })],
];

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const fixed = FIXED[path];
  if (fixed) return fixed;
  for (const [pattern, route] of PATTERNS) {
    const match = pattern.exec(path);
    if (match?.[1]) return route(decodeURIComponent(match[1]));
  }
  return { name: 'not-found' };
}

export const paths = {
  home: '/',
  clients: '/clients',
  newClient: '/clients/new',
  client: (id: string) => `/clients/${encodeURIComponent(id)}`,
  editClient: (id: string) => `/clients/${encodeURIComponent(id)}/edit`,
  openPractice: (clientId: string) => `/clients/${encodeURIComponent(clientId)}/practices/new`,
  practice: (id: string) => `/practices/${encodeURIComponent(id)}`,
  conversation: (id: string) => `/conversations/${encodeURIComponent(id)}`,
  knowledge: '/knowledge',
  document: (id: string, chunkIndex?: number) =>
    `/documents/${encodeURIComponent(id)}${chunkIndex === undefined ? '' : `?chunk=${chunkIndex}`}`,
  adminApiKeys: '/admin/api-keys',
  adminAudit: '/admin/audit',
  adminKnowledge: '/admin/knowledge',
  adminTeam: '/admin/team',
  login: (next?: string) => (next && next !== '/login' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
};
