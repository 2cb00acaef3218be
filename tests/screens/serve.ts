// The screens harness server: static files from artifacts/screens-harness, index.html for every app
// route (/a/<plugin id>/...), and /api/prom/* proxied to the test's Prometheus (PROM_URL) so the page
// queries a real Prometheus from the same origin.
import { type IncomingMessage, type ServerResponse, request } from 'node:http';
import { extname, join } from 'node:path';

import { startStaticServer } from '../harness-common/staticServer';

const prometheus = new URL(process.env.PROM_URL ?? 'http://127.0.0.1:19140');
const PROXY_PREFIX = '/api/prom/';

function proxyToPrometheus(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (!url.pathname.startsWith(PROXY_PREFIX)) {
    return false;
  }
  const upstream = request(
    {
      host: prometheus.hostname,
      port: prometheus.port,
      method: req.method,
      path: `/${url.pathname.slice(PROXY_PREFIX.length)}${url.search}`,
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
  return true;
}

// Grafana's fonts (public/fonts) are not in any npm package: a 404 lets the browser fall back.
function appRouteFallback(urlPath: string): string | undefined {
  const isAppRoute = !urlPath.includes('/public/') && (!extname(urlPath) || urlPath.startsWith('/a/'));
  return isAppRoute ? 'index.html' : undefined;
}

startStaticServer({
  root: join(__dirname, '..', '..', 'artifacts', 'screens-harness'),
  port: Number(process.env.SCREENS_PORT ?? 19144),
  label: 'screens harness',
  intercept: proxyToPrometheus,
  fallback: appRouteFallback,
});
