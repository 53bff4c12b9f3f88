import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from './logger.js';

/** The close code that tells graphql-ws clients the server restarts and they should reconnect. */
export const CLOSE_SERVICE_RESTART = 1012;

/** What a graphql-ws server hook gets as `ctx.extra`: the connection's socket and its upgrade request. */
export interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
}

/** A graphql-ws endpoint on an HTTP server, and the way to close it for a restart. */
export interface GraphQLWsEndpoint {
  /** Open WebSocket connections. */
  connections: () => number;
  /** Ends every connection with 1012 (clients retry) and stops accepting new ones. */
  close: () => Promise<void>;
}

/** How often an idle connection is pinged; one that does not answer within the same time is dropped. */
const KEEP_ALIVE_MS = 12_000;
/**
 * Bytes a connection may have waiting to be written before a subscription waits for them to leave
 * before it sends its next event. Under it, sending does not wait for the write to complete, so a
 * burst of events leaves in one write; over it, a slow reader holds back only its own subscriptions.
 */
const HIGH_WATER_BYTES = 256 * 1024;

/** Frames a connection holds back at most before it writes them, so that none waits long behind a burst. */
const MAX_HELD_FRAMES = 32;

/**
 * Writes frames to a connection so that a burst leaves in a few system calls rather than one per
 * frame (the tokens of an answer often arrive together): the first frame of a turn of the event
 * loop is written at once, later ones are held until the turn's queued work is done or
 * {@link MAX_HELD_FRAMES} are waiting.
 */
function coalescing(connection: Socket): (write: () => void) => void {
  /** Frames held since the last write; -1: the connection is not corked. */
  let held = -1;
  const release = () => {
    if (held < 0) return;
    held = -1;
    connection.uncork();
  };
  return (write) => {
    write();
    if (held < 0) {
      connection.cork();
      held = 0;
      process.nextTick(release);
    } else if ((held += 1) >= MAX_HELD_FRAMES) {
      connection.uncork();
      connection.cork();
      held = 0;
    }
  };
}

/**
 * Serves the `graphql-transport-ws` protocol on `path` of `server` (the same path as HTTP GraphQL).
 * The protocol's own close codes apply: 4400 invalid message, 4401 subscribe before ack, 4403
 * refused credentials (`onConnect` returning false), 4408 init timeout, 4409 duplicate id, 4429
 * too many inits. This is graphql-ws's own `ws` binding with two differences: the frames of a burst
 * are coalesced into few writes (see {@link coalescing}), and a subscription waits for its writes
 * only when its connection falls behind (see {@link HIGH_WATER_BYTES}).
 */
export function serveGraphQLWs(
  server: Server,
  path: string,
  options: ServerOptions<Record<string, unknown> | undefined, Extra>,
  logger?: Logger,
): GraphQLWsEndpoint {
  const protocol = makeServer(options);
  const wss = new WebSocketServer({ server, path, maxPayload: 1024 * 1024, handleProtocols });
  const internalError = (socket: WebSocket, error: unknown, what: string) => {
    logger?.error({ err: error }, what);
    socket.close(CloseCode.InternalServerError, 'Internal server error');
  };
  wss.on('error', (error) => {
    for (const socket of wss.clients) internalError(socket, error, 'graphql-ws server error');
  });
  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => internalError(socket, error, 'graphql-ws socket error'));
    const coalesce = coalescing(request.socket);
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            coalesce(() => socket.send(data, (error) => (error ? reject(error) : resolve())));
            if (socket.bufferedAmount < HIGH_WATER_BYTES) resolve();
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (message) => {
            // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a text frame's Buffer, as graphql-ws reads it
            handle(String(message)).catch((error: unknown) => internalError(socket, error, 'graphql-ws message handling failed'));
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      void closed(code, String(reason));
    });
  });
  return {
    connections: () => wss.clients.size,
    close: async () => {
      for (const socket of wss.clients) socket.close(CLOSE_SERVICE_RESTART, 'Service restart: reconnect');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
