/**
 * The live demo workload: one process serving every service's metrics on `/metrics`, computed from
 * the model at request time. Prometheus scrapes it with `honor_labels: true` so the per-pod
 * `instance` labels survive.
 *   npx tsx demo/server.ts --port 9464 --host 0.0.0.0 --seed 42
 */
import { type Server, createServer } from 'node:http';

import { type Convention, buildFamilies, renderText, takeSnapshot } from './exposition';
import { CANARY_BUILDS, type CanaryBuild, activeIncidents, createModel } from './model';
import { conventionsOption, DEFAULT_SEED, numberOption, option } from './options';

export interface DemoServerOptions {
  port: number;
  host: string;
  seed: number;
  conventions?: Convention[];
  /** Shifts the model's clock (tests use it to land on an incident); 0 in normal use. */
  clockOffsetSeconds?: number;
  /** 'good' runs a canary that behaves like stable (`--canary good` / DEMO_CANARY=good). */
  canary?: CanaryBuild;
}

export function startDemoServer(options: DemoServerOptions): Promise<Server> {
  const model = createModel(options.seed, options.canary);
  const families = buildFamilies(model, options.conventions);
  const now = () => Date.now() / 1000 + (options.clockOffsetSeconds ?? 0);
  const server = createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(renderText(families, takeSnapshot(model, now())));
      return;
    }
    if (req.url === '/-/healthy') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok\n');
      return;
    }
    if (req.url === '/incidents') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ seed: model.seed, active: activeIncidents(model, now()), schedule: model.incidents }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('try /metrics, /-/healthy or /incidents\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

function canaryOption(raw: string): CanaryBuild {
  if (!(CANARY_BUILDS as readonly string[]).includes(raw)) {
    throw new Error(`--canary (DEMO_CANARY) must be one of ${CANARY_BUILDS.join(', ')}; got "${raw}"`);
  }
  return raw as CanaryBuild;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const options: DemoServerOptions = {
    port: numberOption(argv, 'port', 'DEMO_PORT', 9464),
    host: option(argv, 'host', 'DEMO_HOST', '127.0.0.1'),
    seed: numberOption(argv, 'seed', 'DEMO_SEED', DEFAULT_SEED),
    conventions: conventionsOption(argv),
    canary: canaryOption(option(argv, 'canary', 'DEMO_CANARY', 'bad')),
  };
  startDemoServer(options).then(
    () => console.log(`demo workload (seed ${options.seed}) serving http://${options.host}:${options.port}/metrics`),
    (error: unknown) => {
      console.error(`demo workload could not start: ${String(error)}`);
      process.exit(1);
    }
  );
}
