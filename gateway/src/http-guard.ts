import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendGraphQLError } from '@nusa/platform';
import { rateLimited } from './admission/admission.js';
import type { Budget, RateLimiter, Verdict } from './admission/rate-limiter.js';

/** Paths that are never limited: probes and metrics scrapes. */
const UNLIMITED = new Set(['/health', '/ready', '/metrics']);
const CORS_HEADERS =
  'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id, idempotency-key, last-event-id';

/**
 * The policy every response carries. The CSP fits the web app and GraphiQL as built (own scripts
 * only, inline styles from the editor, workers from blob URLs, WebSockets to the same host).
 */
export function setSecurityHeaders(res: ServerResponse, production: boolean): void {
  res.setHeader(
    'content-security-policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws: wss:; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  );
  if (production) res.setHeader('strict-transport-security', 'max-age=31536000; includeSubDomains');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

/** The client's address: the socket's, or with `trustProxy` the first forwarded one (Fly, a load balancer). */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const fly = req.headers['fly-client-ip'];
    if (typeof fly === 'string' && fly) return fly;
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

export interface HttpGuardOptions {
  production: boolean;
  /** Origins allowed to call from a browser (exact, e.g. `https://app.example.com`); same-origin needs none. */
  corsOrigins: readonly string[];
  trustProxy: boolean;
  limiter: RateLimiter;
  /** The global budget, per client address; unset: no global limit. */
  global?: Budget;
  /**
   * Another hit to count in the same round trip as the global one (the API budget of a GraphQL
   * request's first operation, say); over its limit, the request is refused here alike.
   */
  precount?: (req: IncomingMessage, path: string, clientIp: string) => Promise<{ budget: Budget; key: string } | undefined>;
  onLimited?: (budget: Budget) => void;
}

/**
 * Before routing: security headers on everything, CORS from the allow-list (preflights answered
 * here, 403 for an origin not on it), and the global rate limit per client address.
 */
export function httpGuard(options: HttpGuardOptions): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const allowed = new Set(options.corsOrigins);
  return async (req, res) => {
    setSecurityHeaders(res, options.production);
    const origin = req.headers.origin;
    if (origin && allowed.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    }
    if (req.method === 'OPTIONS') {
      if (origin && !allowed.has(origin)) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('Origin not allowed');
        return true;
      }
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': CORS_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
      return true;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const budget = options.global;
    if (!budget || UNLIMITED.has(path)) return false;
    const clientIp = clientIpOf(req, options.trustProxy);
    const extra = options.precount ? await options.precount(req, path, clientIp) : undefined;
    const hits = [{ budget, key: `ip:${clientIp}` }, ...(extra ? [extra] : [])];
    const verdicts = await options.limiter.hitEach(hits);
    const refused = verdicts.findIndex((verdict) => !verdict.allowed);
    if (refused === -1) return false;
    const [limited, verdict] = [hits[refused]?.budget ?? budget, verdicts[refused] as Verdict];
    options.onLimited?.(limited);
    const error = rateLimited(limited, verdict);
    res.setHeader('retry-after', String(verdict.retryAfterSeconds));
    const { http: _http, ...extensions } = error.extensions;
    sendGraphQLError(res, 429, String(extensions.code), error.message, extensions);
    return true;
  };
}
