import { createClient, type Client } from 'graphql-ws';

/** How often the client pings the gateway, and how long it waits for the pong before it drops the socket. */
const PING_EVERY_MS = 10_000;
const PONG_WITHIN_MS = 5_000;

/**
 * A graphql-ws client for the gateway's `/graphql`. It does not retry by itself: a dropped socket
 * ends the subscriptions, and the answer streams resume with `afterSeq` (see AnswerStream), which a
 * blind retry of the first payload could not do. A silent network (no pong) or the browser going
 * offline drops the socket at once instead of waiting for TCP to notice.
 */
export function createWsClient(url: string, authorization: () => string | null): Client {
  let socket: WebSocket | null = null;
  let pongTimer: number | undefined;
  const client = createClient({
    url,
    lazy: true,
    retryAttempts: 0,
    keepAlive: PING_EVERY_MS,
    connectionParams: () => {
      const value = authorization();
      return value ? { authorization: value } : {};
    },
    on: {
      connected: (connected) => {
        socket = connected as WebSocket;
      },
      closed: () => {
        socket = null;
        window.clearTimeout(pongTimer);
      },
      ping: (received) => {
        if (received) return;
        pongTimer = window.setTimeout(() => {
          if (socket?.readyState === WebSocket.OPEN) socket.close(4408, 'No pong from the server');
        }, PONG_WITHIN_MS);
      },
      pong: (received) => {
        if (received) window.clearTimeout(pongTimer);
      },
    },
  });
  window.addEventListener('offline', () => client.terminate());
  return client;
}
