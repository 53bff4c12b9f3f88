import type { Server } from 'node:http';
import type { ServerOptions } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

/** The close code that tells graphql-ws clients the server restarts and they should reconnect. */
export const CLOSE_SERVICE_RESTART = 1012;

/** A graphql-ws endpoint on an HTTP server, and the way to close it for a restart. */
export interface GraphQLWsEndpoint {
  /** Open WebSocket connections. */
  connections: () => number;
  /** Ends every connection with 1012 (clients retry) and stops accepting new ones. */
  close: () => Promise<void>;
}

/**
 * Serves the `graphql-transport-ws` protocol on `path` of `server` (the same path as HTTP GraphQL).
 * The protocol's own close codes apply: 4400 invalid message, 4401 subscribe before ack, 4403
 * refused credentials (`onConnect` returning false), 4408 init timeout, 4409 duplicate id, 4429
 * too many inits.
 */
export function serveGraphQLWs(
  server: Server,
  path: string,
  options: ServerOptions<Record<string, unknown> | undefined, Extra>,
): GraphQLWsEndpoint {
  const wss = new WebSocketServer({ server, path, maxPayload: 1024 * 1024 });
  const disposable = useServer(options, wss, 12_000);
  return {
    connections: () => wss.clients.size,
    close: async () => {
      for (const socket of wss.clients) socket.close(CLOSE_SERVICE_RESTART, 'Service restart: reconnect');
      await disposable.dispose();
    },
  };
}
