import { createLogger, listen } from '@nusa/platform';
import type { GatewayConfig } from './config.js';
import { createGatewayServer } from './server.js';
import type { SubscriptionHub } from './subscriptions/subscription-hub.js';
import type { GatewayWebSockets } from './subscriptions/ws-endpoint.js';

/** A gateway on a free port, for tests. */
export interface GatewayHarness {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `<origin>/graphql` */
  url: string;
  subscriptions: SubscriptionHub;
  webSockets: GatewayWebSockets;
  stop: () => Promise<void>;
}

export async function startGateway(
  settings: Pick<GatewayConfig, 'supergraphPath' | 'subgraphUrls' | 'jwtSecret' | 'internalSecret'> & Partial<GatewayConfig>,
): Promise<GatewayHarness> {
  const config: GatewayConfig = {
    port: 0,
    subgraphTimeoutMs: 5000,
    production: false,
    logLevel: process.env.TEST_GATEWAY_LOG ?? 'silent',
    ...settings,
  };
  const gateway = await createGatewayServer(config, createLogger('gateway-test', config.logLevel));
  const port = await listen(gateway.server, 0, '127.0.0.1');
  const origin = `http://127.0.0.1:${port}`;
  return { origin, url: `${origin}/graphql`, subscriptions: gateway.subscriptions, webSockets: gateway.webSockets, stop: gateway.stop };
}
