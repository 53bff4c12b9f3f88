import type { Caller, Logger } from '@nusa/platform';
import type { PassThrough } from './pass-through.js';

/** Per gateway request: who calls, their identity as signed for each subgraph, the request id. */
export interface GatewayContext {
  caller: Caller;
  /** The caller's signed identity for the subgraph named (each subgraph refuses one issued for another). */
  identityFor: (subgraph: string) => string;
  requestId: string;
  /** A mutation's idempotency key (see idempotency-key.ts), forwarded to each subgraph the operation calls. */
  idempotencyKey?: string;
  logger?: Logger;
  /** Warnings subgraphs sent in `extensions.warnings`, passed on in the gateway's response. */
  warnings?: string[];
  /** The client's address, for the rate limits of anonymous callers. */
  clientIp?: string;
  /** The account a `login` operation targets, so a failure counts against it. */
  loginAccount?: string;
  /**
   * Set when the API budget's hit for the request's first operation was counted with the global one,
   * before routing; the first operation clears it (an object, so the operations of a batch, which
   * get shallow copies of the context, share it).
   */
  apiPrecount?: { pending: boolean };
  /** The one fetch of an operation answered as the subgraph wrote it, while it is made (see pass-through.ts). */
  passThrough?: PassThrough;
}
