// The screens harness server: static files from artifacts/screens-harness, index.html for every app
// route (/a/<plugin id>/...), /api/prom/* proxied to the test's Prometheus (PROM_URL), /api/vm/* to its
// long-term store (VM_URL, VictoriaMetrics) and /api/es/* to its Elasticsearch (ES_URL), so the pages
// query real servers from the same origin.
import { type IncomingMessage, type ServerResponse, request } from 'node:http';
import { extname, join } from 'node:path';

import { startStaticServer } from '../harness-common/staticServer';

const UPSTREAMS: Array<{ prefix: string; name: string; target: URL }> = [
  { prefix: '/api/prom/', name: 'Prometheus', target: new URL(process.env.PROM_URL ?? 'http://127.0.0.1:19140') },
  { prefix: '/api/vm/', name: 'The long-term store', target: new URL(process.env.VM_URL ?? 'http://127.0.0.1:19147') },
  { prefix: '/api/es/', name: 'Elasticsearch', target: new URL(process.env.ES_URL ?? 'http://127.0.0.1:19148') },
];

function proxyToUpstream(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const upstreamFor = UPSTREAMS.find((u) => url.pathname.startsWith(u.prefix));
  if (!upstreamFor) {
    return false;
  }
  const { prefix, name, target } = upstreamFor;
  const upstream = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: `/${url.pathname.slice(prefix.length)}${url.search}`,
      headers: { ...req.headers, host: target.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    }
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', error: `${name} is not reachable: ${error.message}` }));
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
  intercept: proxyToUpstream,
  fallback: appRouteFallback,
});
