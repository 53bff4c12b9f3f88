import { signIdentity, IDENTITY_HEADER, type Caller } from '../identity.js';

/** A GraphQL response as tests read it. */
export interface GraphQLResult<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** POSTs an operation to `url` with a real HTTP client and returns status, headers and body; `extensions` go into the body. */
export async function postGraphQL<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
  extensions?: Record<string, unknown>,
): Promise<GraphQLResult<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, ...(extensions ? { extensions } : {}) }),
  });
  const body = (await response.json()) as Omit<GraphQLResult<TData>, 'status' | 'headers'>;
  return { status: response.status, headers: response.headers, ...body };
}

/** Headers that make a direct call to the subgraph `audience` look as if the gateway had forwarded `caller`. */
export function identityHeaders(caller: Caller, internalSecret: string, audience: string): Record<string, string> {
  return { [IDENTITY_HEADER]: signIdentity(caller, internalSecret, audience) };
}
