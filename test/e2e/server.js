// @ts-check
/**
 * The localhost server shared by the browser tests and the demo: serves the built SDK (`/dist/*`),
 * the examples (`/examples/*`; the marketing site as `npm run build` builds it, from `dist/examples/marketing-site/`)
 * and the test pages (`/pages/*`), and receives events on `POST /collect`.
 * Knobs: `?csp=strict` adds `Content-Security-Policy: script-src 'self'; style-src 'self'` to an HTML response;
 * `?delay=MS` delays any response.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** @type {Record<string, string>} */
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** URL prefix → directory; the first prefix that matches wins. */
/** @type {Record<string, string>} */
const mounts = { '/dist/': 'dist/', '/examples/marketing-site/': 'dist/examples/marketing-site/', '/examples/': 'examples/', '/pages/': 'test/e2e/pages/', '/node_modules/axe-core/': 'node_modules/axe-core/' };

/** Single-page apps: a path below one of these without a file extension serves the app's `index.html`. */
const spaRoots = ['/examples/spa/'];

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] 0 picks a free port
 * @property {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, url: URL) => boolean | Promise<boolean>} [handle]
 * @property {unknown[]} [beacons] where received events go (another server's, to share one list across ports)
 *   handles a request first; return true when it answered
 */

/**
 * Starts the server on 127.0.0.1.
 * @param {ServerOptions} [options]
 */
export async function startServer(options = {}) {
  /** @type {unknown[]} */
  const beacons = options.beacons ?? [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const delay = Number(url.searchParams.get('delay') ?? 0);
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      if (options.handle && (await options.handle(req, res, url))) return;
      if (url.pathname === '/collect' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += String(chunk);
        try {
          const parsed = JSON.parse(body);
          for (const event of Array.isArray(parsed) ? parsed : [parsed]) beacons.push(event);
        } catch { /* not JSON: ignore */ }
        res.writeHead(204).end();
        return;
      }
      if (url.pathname === '/') {
        res.writeHead(302, { location: '/examples/marketing-site/' }).end();
        return;
      }
      const mount = Object.keys(mounts).find((m) => url.pathname.startsWith(m));
      if (!mount) return void res.writeHead(404).end('not found');
      // Client-side routes of the SPA example (`/examples/spa/pricing`) get the app's index.html.
      const spa = spaRoots.find((r) => url.pathname.startsWith(r) && !extname(url.pathname));
      let rel = normalize((spa ?? url.pathname).slice(mount.length));
      if (rel.startsWith('..')) return void res.writeHead(403).end();
      if (rel === '.' || rel.endsWith('/')) rel = join(rel, 'index.html');
      const file = join(root, /** @type {string} */ (mounts[mount]), rel);
      try {
        const data = await readFile(file);
        const type = types[extname(file)] ?? 'application/octet-stream';
        /** @type {Record<string, string>} */
        const headers = { 'content-type': type, 'cache-control': 'no-store' };
        if (type.startsWith('text/html') && url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = STRICT_CSP;
        res.writeHead(200, headers).end(data);
      } catch {
        // A directory without a trailing slash: redirect so relative URLs resolve.
        try {
          await readFile(join(file, 'index.html'));
          res.writeHead(301, { location: url.pathname + '/' + url.search }).end();
        } catch {
          res.writeHead(404).end('not found');
        }
      }
    })();
  });
  await new Promise((r) => server.listen(options.port ?? 0, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    beacons,
    close: () => new Promise((r) => server.close(() => r(undefined))),
  };
}
