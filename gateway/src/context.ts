import type { Caller, Logger } from '@nusa/shared';

/** Per gateway request: who calls, their identity signed once for every subgraph fetch, the request id. */
export interface GatewayContext {
  caller: Caller;
  identity: string;
  requestId: string;
  logger?: Logger;
  /** Warnings subgraphs sent in `extensions.warnings`, passed on in the gateway's response. */
  warnings?: string[];
  /** The client's address, for the rate limits of anonymous callers. */
  clientIp?: string;
  /** The account a `login` operation targets, so a failure counts against it. */
  loginAccount?: string;
}
