/** Where the signed-in session lives, shared with the GraphiQL page of the same origin. */
export const SESSION_KEY = 'nusa.session';

/** A signed-in team member's session, as `login` returned it. */
export interface Session {
  token: string;
  expiresAt: string;
  member: { id: string; name: string; email: string; role: string };
}

type Listener = (session: Session | null) => void;

const listeners = new Set<Listener>();

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Session>;
  return typeof candidate.token === 'string' && typeof candidate.expiresAt === 'string' && typeof candidate.member === 'object';
}

/** The stored session, or null when there is none or it has expired. */
export function readSession(storage: Storage = localStorage): Session | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null');
  } catch {
    return null;
  }
  if (!isSession(parsed)) return null;
  return Date.parse(parsed.expiresAt) > Date.now() ? parsed : null;
}

export function saveSession(session: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  for (const listener of listeners) listener(session);
}

/** Forgets the session (signing out, or the server said it expired). */
export function clearSession(): void {
  localStorage.removeItem(SESSION_KEY);
  for (const listener of listeners) listener(null);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
