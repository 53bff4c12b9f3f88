import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { prefersHtml, sendJson, type RouteHandler } from '@nusa/platform';

/** Where `npm run build -w web` writes the web app, from gateway/src or gateway/dist. */
export const DEFAULT_WEB_DIST = join(__dirname, '..', '..', 'web', 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.ttf', '.txt']);

/**
 * Same origin only: the app and GraphiQL load nothing from another host. GraphiQL's editor (Monaco)
 * needs inline styles, its fonts come as data: URLs and its language workers are same-origin files.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite puts content-hashed files under assets/: their URL changes with their content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface Compressed {
  mtimeMs: number;
  body: Buffer;
}

/** The web app and GraphiQL as route handlers of the gateway's HTTP server. */
export interface WebApp {
  /** Files of `web/dist`, and `index.html` for the app's own routes (`/clients/…`): the `fallback`. */
  app: RouteHandler;
  /** GraphiQL (`web/dist/graphiql.html`), for browsers opening `/graphql`: the `html` handler. */
  graphiql: RouteHandler;
}

function notBuilt(res: ServerResponse, distPath: string): void {
  const body = `The web app is not built (no ${distPath}): run "npm run build" (or "npm run build -w web") and reload.\n`;
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function fileStats(path: string): Promise<Stats | null> {
  try {
    const stats = await stat(path);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

/** The file under `root` that `pathname` names, or null when it would leave `root` or cannot be decoded. */
function fileOf(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = resolve(root, `.${decoded}`);
  return path.startsWith(root + sep) ? path : null;
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

/**
 * Serves the built web app (`web/dist`): its files with their content types, a year's cache for
 * hashed assets and revalidation for the HTML, gzip for text (compressed once, kept in memory),
 * `index.html` for any other GET a browser makes (client-side routes), and GraphiQL. A missing
 * build answers 404 with a line saying how to build it, so the API works without it.
 */
export function createWebApp(distPath: string = DEFAULT_WEB_DIST): WebApp {
  const root = resolve(distPath);
  const compressed = new Map<string, Compressed>();

  const gzipped = async (path: string, stats: Stats): Promise<Buffer> => {
    const cached = compressed.get(path);
    if (cached?.mtimeMs === stats.mtimeMs) return cached.body;
    const body = gzipSync(await readFile(path));
    compressed.set(path, { mtimeMs: stats.mtimeMs, body });
    return body;
  };

  const sendFile = async (req: IncomingMessage, res: ServerResponse, path: string, stats: Stats, cacheControl: string) => {
    const extension = extname(path);
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    const headers: Record<string, string | number> = {
      'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'cache-control': cacheControl,
      etag,
      'x-content-type-options': 'nosniff',
      vary: 'Accept-Encoding',
    };
    if (extension === '.html') {
      headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
      headers['referrer-policy'] = 'same-origin';
    }
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    if (COMPRESSIBLE.has(extension) && acceptsGzip(req)) {
      const body = await gzipped(path, stats);
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': stats.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await new Promise<void>((done, fail) => {
      createReadStream(path).on('error', fail).on('end', done).pipe(res);
    });
  };

  const sendPage = async (req: IncomingMessage, res: ServerResponse, name: string) => {
    const path = join(root, name);
    const stats = await fileStats(path);
    if (!stats) {
      notBuilt(res, root);
      return;
    }
    await sendFile(req, res, path, stats, REVALIDATE);
  };

  const app: RouteHandler = async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 404, { error: 'Not found' });
      return;
    }
    const url = req.url ?? '/';
    const pathname = url.split('?', 1)[0] ?? '/';
    const path = pathname === '/' ? null : fileOf(root, pathname);
    const stats = path ? await fileStats(path) : null;
    if (path && stats) {
      const hashed = pathname.startsWith('/assets/');
      await sendFile(req, res, path, stats, hashed ? IMMUTABLE : REVALIDATE);
      return;
    }
    // A missing file with an extension, or a request that is not a browser's page load, is a 404;
    // anything else is one of the app's own routes.
    const isPageLoad = pathname === '/' || prefersHtml(req);
    if (!isPageLoad || (extname(pathname) !== '' && extname(pathname) !== '.html')) {
      sendJson(res, 404, { error: 'Not found' });
      return;
    }
    await sendPage(req, res, 'index.html');
  };

  return { app, graphiql: (req, res) => sendPage(req, res, 'graphiql.html') };
}
