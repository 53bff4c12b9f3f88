import type { Caller, Logger } from '@nusa/shared';

/** Per gateway request: who calls, their identity signed once for every subgraph fetch, the request id. */
export interface GatewayContext {
  caller: Caller;
  identity: string;
  requestId: string;
  logger?: Logger;
}
