import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { closeServer, listen } from '@nusa/platform';
import { createWebApp } from './web-app.js';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let base: string;
let dist: string;
let server: Server;
let origin: string;

/** A server that answers every request with the web app, or GraphiQL on /graphql, as the gateway wires them. */
async function serve(distPath: string): Promise<void> {
  const webApp = createWebApp(distPath);
  server = createServer((req, res) => void (req.url?.startsWith('/graphql') ? webApp.graphiql(req, res) : webApp.app(req, res)));
  origin = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
}

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'web-app-'));
  dist = join(base, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(base, 'secret.json'), '{"secret":true}');
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'graphiql.html'), '<!doctype html><div id="graphiql"></div>');
  writeFileSync(join(dist, 'assets', 'app-abc123.js'), `console.log(${JSON.stringify('x'.repeat(2000))});`);
  writeFileSync(join(dist, 'assets', 'font-abc123.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
});

afterEach(async () => {
  await closeServer(server);
  rmSync(base, { recursive: true, force: true });
});

describe('the web app served by the gateway', () => {
  it('serves hashed assets with their content type, a year of cache and gzip', async () => {
    await serve(dist);
    const response = await fetch(`${origin}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const font = await fetch(`${origin}/assets/font-abc123.woff2`);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(font.headers.get('content-encoding')).toBeNull();
  });

  it('sends the same bytes compressed or not', async () => {
    await serve(dist);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      request(`${origin}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    const plain = await (await fetch(`${origin}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'identity' } })).text();
    expect(gunzipSync(raw).toString('utf8')).toBe(plain);
    expect(raw.length).toBeLessThan(plain.length);
  });

  it('answers a browser on any route of the app with index.html to revalidate, under a same-origin policy', async () => {
    await serve(dist);
    for (const path of ['/', '/clients', '/conversations/42?x=1']) {
      const response = await fetch(`${origin}${path}`, { headers: { accept: BROWSER } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      await expect(response.text()).resolves.toContain('id="root"');
    }
  });

  it('revalidates with the ETag', async () => {
    await serve(dist);
    const first = await fetch(`${origin}/`);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await fetch(`${origin}/`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers 404 for a missing asset, a non-browser request on a route, another method, and a path out of the folder', async () => {
    await serve(dist);
    expect((await fetch(`${origin}/assets/missing-000.js`, { headers: { accept: BROWSER } })).status).toBe(404);
    expect((await fetch(`${origin}/clients`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await fetch(`${origin}/clients`, { method: 'POST' })).status).toBe(404);
    // %2f is not a separator to the URL parser, so this reaches the server as one segment.
    const outside = await fetch(`${origin}/assets/%2e%2e%2f%2e%2e%2fsecret.json`);
    expect(outside.status).toBe(404);
    await expect(outside.text()).resolves.not.toContain('secret');
  });

  it('serves GraphiQL from its own page', async () => {
    await serve(dist);
    const response = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER } });
    await expect(response.text()).resolves.toContain('id="graphiql"');
  });

  it('says how to build the web app when web/dist is missing, instead of failing', async () => {
    await serve(join(dist, 'not-built'));
    for (const path of ['/', '/graphql']) {
      const response = await fetch(`${origin}${path}`, { headers: { accept: BROWSER } });
      expect(response.status).toBe(404);
      await expect(response.text()).resolves.toMatch(/^The web app is not built .*npm run build/);
    }
  });
});
