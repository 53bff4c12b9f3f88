import type { StreamFraming } from './stream-response.js';

const BOUNDARY = 'graphql';
const DELIMITER = `\r\n--${BOUNDARY}`;

/** One JSON part, closed by the next delimiter at once so that clients parse it without waiting for the next part. */
const part = (json: string) => `\r\ncontent-type: application/json\r\n\r\n${json}${DELIMITER}`;

/**
 * Apollo's multipart HTTP subscription protocol, as Apollo Router serves it and Apollo Client's
 * HTTP link reads it: boundary `graphql`, one `application/json` part per event with the result
 * under `payload`, `{}` parts as heartbeats. An error that ends the stream from our side (the
 * subgraph went away, the schema changed, the gateway restarts: a result without data) is a
 * transport error, `{"payload":null,"errors":[...]}`; a refusal before the stream is the GraphQL
 * response under `payload`, as a query's errors would be.
 */
export const MULTIPART_FRAMING: StreamFraming = {
  headers: {
    'content-type': `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
  },
  opening: DELIMITER + part('{}'),
  heartbeat: part('{}'),
  event: (result, live) =>
    part(
      JSON.stringify(live && result.data === undefined && result.errors ? { payload: null, errors: result.errors } : { payload: result }),
    ),
  closing: '--\r\n',
};

/** Default interval of multipart heartbeats, as Apollo Router sends them. */
export const MULTIPART_HEARTBEAT_MS = 5_000;
