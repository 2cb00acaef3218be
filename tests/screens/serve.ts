// The screens harness server, bound to 127.0.0.1: static files from artifacts/screens-harness,
// index.html for every app route (/a/<plugin id>/...), and /api/prom/* proxied to the test's
// Prometheus (PROM_URL) so the page queries a real Prometheus from the same origin.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer, request } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const root = join(__dirname, '..', '..', 'artifacts', 'screens-harness');
const port = Number(process.env.SCREENS_PORT ?? 19144);
const prometheus = new URL(process.env.PROM_URL ?? 'http://127.0.0.1:19140');
const PROXY_PREFIX = '/api/prom/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.css': 'text/css',
};

function proxy(req: IncomingMessage, res: ServerResponse, path: string) {
  const upstream = request(
    {
      host: prometheus.hostname,
      port: prometheus.port,
      method: req.method,
      path,
      headers: { ...req.headers, host: prometheus.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    }
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', error: `Prometheus is not reachable: ${error.message}` }));
  });
  req.pipe(upstream);
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname.startsWith(PROXY_PREFIX)) {
    proxy(req, res, `/${url.pathname.slice(PROXY_PREFIX.length)}${url.search}`);
    return;
  }
  const urlPath = decodeURIComponent(url.pathname);
  let file = normalize(join(root, urlPath));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    // Grafana's fonts (public/fonts) are not in any npm package: a 404 lets the browser fall back.
    if (!urlPath.includes('/public/') && (!extname(urlPath) || urlPath.startsWith('/a/'))) {
      file = join(root, 'index.html');
    } else {
      res.writeHead(404).end('not found');
      return;
    }
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`screens harness on http://127.0.0.1:${port}\n`);
});
