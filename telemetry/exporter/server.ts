// The /metrics endpoint. Results are cached for `minIntervalMs` so several Prometheus servers (or
// an eager scrape interval) cannot turn into a stream of aggregations against Elasticsearch.
import { createServer, type Server } from 'node:http';

import type { EsConfig } from '../es/bulk';

import { collectSeries } from './collect';
import { formatMetrics } from './format';

export interface ExporterOptions {
  es: EsConfig;
  host: string;
  port: number;
  minIntervalMs?: number;
}

export async function startExporter(options: ExporterOptions): Promise<Server> {
  let cached: { at: number; body: string } | undefined;
  const render = async (): Promise<string> => {
    if (cached && Date.now() - cached.at < (options.minIntervalMs ?? 10_000)) {
      return cached.body;
    }
    let body: string;
    try {
      body = formatMetrics(await collectSeries(options.es));
    } catch (e) {
      // Keep serving: `up 0` is the signal, and counters simply have no sample for this scrape.
      body = formatMetrics(undefined, e instanceof Error ? e.message : String(e));
    }
    cached = { at: Date.now(), body };
    return body;
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('try /metrics\n');
      return;
    }
    render().then(
      (body) => res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(body),
      (e) => res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e))
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return server;
}
