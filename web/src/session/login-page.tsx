import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { graphql } from '../gql';
import { navigate, useLocation } from '../routing/history';
import { paths } from '../routing/routes';
import { ErrorMessage } from '../ui/error-message';
import { saveSession } from './session-store';

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      member {
        id
        name
        email
        role
      }
    }
  }
`);

/** Where to go after signing in: back where the person was, never to another origin. */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next') ?? '';
  return next.startsWith('/') && !next.startsWith('//') ? next : paths.home;
}

export function LoginPage() {
  const { search } = useLocation();
  const [login, { loading, error }] = useMutation(LOGIN);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await login({ variables: { email, password } });
      if (!result.data) return;
      saveSession(result.data.login);
      navigate(nextPath(search), { replace: true });
    } catch {
      // Shown by ErrorMessage below.
    }
  };
  return (
    <section className="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in</h1>
      {search.get('expired') && <p className="notice">Your session has expired. Sign in again to go back where you were.</p>}
      <form onSubmit={(event) => void submit(event)}>
        <label htmlFor="email">Email</label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" disabled={loading}>
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <ErrorMessage error={error} />
    </section>
  );
}
