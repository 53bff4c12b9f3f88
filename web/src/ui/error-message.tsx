import { CombinedGraphQLErrors } from '@apollo/client';

/** What a person can act on: the GraphQL errors' messages, or a line about the network. */
export function errorText(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((entry) => entry.message).join('; ');
  if (error instanceof TypeError) return 'Cannot reach the server; check the connection and try again.';
  return error instanceof Error ? error.message : String(error);
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {errorText(error)}
    </p>
  );
}
