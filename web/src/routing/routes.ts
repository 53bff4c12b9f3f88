/** The screens of the app, by URL. */
export type Route =
  | { name: 'login' }
  | { name: 'clients' }
  | { name: 'client'; id: string }
  | { name: 'conversation'; id: string }
  | { name: 'knowledge' }
  | { name: 'document'; id: string }
  | { name: 'not-found' };

const PATTERNS: [RegExp, (id: string) => Route][] = [
  [/^\/clients\/([^/]+)$/, (id) => ({ name: 'client', id })],
  [/^\/conversations\/([^/]+)$/, (id) => ({ name: 'conversation', id })],
  [/^\/documents\/([^/]+)$/, (id) => ({ name: 'document', id })],
];

export function matchRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/login') return { name: 'login' };
  if (path === '/' || path === '/clients') return { name: 'clients' };
  if (path === '/knowledge') return { name: 'knowledge' };
  for (const [pattern, route] of PATTERNS) {
    const match = pattern.exec(path);
    if (match?.[1]) return route(decodeURIComponent(match[1]));
  }
  return { name: 'not-found' };
}

export const paths = {
  clients: '/clients',
  client: (id: string) => `/clients/${encodeURIComponent(id)}`,
  conversation: (id: string) => `/conversations/${encodeURIComponent(id)}`,
  knowledge: '/knowledge',
  document: (id: string, chunkIndex?: number) =>
    `/documents/${encodeURIComponent(id)}${chunkIndex === undefined ? '' : `?chunk=${chunkIndex}`}`,
  login: (next?: string) => (next && next !== '/login' ? `/login?next=${encodeURIComponent(next)}` : '/login'),
};
