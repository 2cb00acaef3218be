#!/usr/bin/env node
// Asserts what `npm run server` relies on, on the file Compose itself resolves (`docker-compose
// config`, no engine needed): one build of the demo image, Grafana not gated on the backfill or
// Elasticsearch, every port on 127.0.0.1 unless BIND_ADDRESS opens it, create-plugin's
// GRAFANA_IMAGE / GRAFANA_VERSION convention, the light profile, and a Grafana healthcheck that
// answers with the tools of either Grafana image (BusyBox wget on Alpine, only bash on Ubuntu), and
// the Pushgateway, Prometheus and VictoriaMetrics keeping their state on named volumes.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

const failures = [];
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) {
    failures.push(what);
  }
};

function resolved(env = {}, args = []) {
  const out = execFileSync('docker-compose', ['-f', 'docker-compose.yaml', ...args, 'config'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return parse(out).services;
}

/** Published ports as [hostIp, hostPort], from either the short ("ip:host:container") or long form. */
function published(service) {
  return (service.ports ?? []).map((p) =>
    typeof p === 'string' ? p.split(':').slice(0, -1) : [p.host_ip ?? '', String(p.published)]
  );
}

const services = resolved();
const names = Object.keys(services);

const builders = names.filter((n) => services[n].build);
check(builders.length === 1, `one service builds the demo image (${builders.join(', ')})`);
const demoImage = services[builders[0]]?.image;
const reusers = names.filter((n) => n !== builders[0] && services[n].image === demoImage);
check(
  reusers.length >= 4 && reusers.every((n) => services[n].pull_policy === 'never'),
  `the others run ${demoImage} with pull_policy: never (${reusers.join(', ')})`
);

const gates = Object.keys(services.grafana.depends_on ?? {});
check(
  !gates.some((g) => ['history', 'rule-history', 'prometheus', 'elasticsearch', 'satellites-demo'].includes(g)),
  `Grafana waits for no backfill, Prometheus or Elasticsearch (depends_on: ${gates.join(', ') || 'none'})`
);

const ports = names.flatMap((n) => published(services[n]).map(([ip, port]) => ({ n, ip, port })));
check(ports.length >= 5 && ports.every((p) => p.ip === '127.0.0.1'), `every published port is on 127.0.0.1 (${ports.map((p) => `${p.n}:${p.port}`).join(' ')})`);
const open = resolved({ BIND_ADDRESS: '0.0.0.0' });
check(
  names.every((n) => published(open[n]).every(([ip]) => ip === '0.0.0.0')),
  'BIND_ADDRESS=0.0.0.0 opens them (the documented way)'
);

check(services.grafana.image === 'grafana/grafana:12.4.0', `default Grafana image ${services.grafana.image}`);
const enterprise = resolved({ GRAFANA_IMAGE: 'grafana-enterprise', GRAFANA_VERSION: '13.3.0' }).grafana.image;
check(enterprise === 'grafana/grafana-enterprise:13.3.0', `GRAFANA_IMAGE=grafana-enterprise GRAFANA_VERSION=13.3.0 gives ${enterprise}`);

const light = resolved({}, ['--env-file', 'compose.light.env']);
check(Number(light.history.environment.HISTORY_DAYS) <= 2, `light profile: ${light.history.environment.HISTORY_DAYS} days of history`);
check(Number(services.history.environment.HISTORY_DAYS) === 14, 'full profile: 14 days of history');
const satelliteDays = (s) => s['satellites-demo'].command[s['satellites-demo'].command.indexOf('--days') + 1];
check(Number(satelliteDays(light)) < Number(satelliteDays(services)), `light profile: ${satelliteDays(light)} days of satellite events`);

checkStateOnVolumes(services, parse(execFileSync('docker-compose', ['-f', 'docker-compose.yaml', 'config'], { encoding: 'utf8' })).volumes ?? {});

await checkHealthcheck(services.grafana.healthcheck.test);

if (failures.length) {
  console.log(`\ncheck-compose: ${failures.length} failed`);
  process.exit(1);
}
console.log('\ncheck-compose: all checks passed');

/** Named-volume mounts of a service as [volume, target], from either the short or the long form. */
function namedVolumes(service, declared) {
  return (service.volumes ?? [])
    .map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v))
    .filter((v) => v.source && Object.hasOwn(declared, v.source) && (v.type ?? 'volume') === 'volume')
    .map((v) => [v.source, v.target]);
}

/**
 * What must survive `docker compose restart`: each stateful server's file or directory (from its
 * own flag) lies on a named volume. Without it the Pushgateway forgets every run pushed since
 * Prometheus' last scrape, and Prometheus its backfilled history.
 */
function checkStateOnVolumes(services, declared) {
  const stateful = [
    ['pushgateway', '--persistence.file=', 'file'],
    ['prometheus', '--storage.tsdb.path=', 'dir'],
    ['victoriametrics', '-storageDataPath=', 'dir'],
  ];
  for (const [name, flag, kind] of stateful) {
    const arg = (services[name]?.command ?? []).find((a) => a.startsWith(flag));
    const path = arg?.slice(flag.length);
    const dir = kind === 'file' ? path?.replace(/\/[^/]*$/, '') : path;
    const mounts = namedVolumes(services[name] ?? {}, declared);
    const on = mounts.find(([, target]) => dir && (dir === target || dir.startsWith(`${target}/`)));
    check(
      Boolean(path && on),
      `${name} keeps its state (${flag}${path ?? ' missing'}) on a named volume (${on ? on.join(' at ') : `mounts: ${mounts.map((m) => m.join(':')).join(', ') || 'none'}`})`
    );
  }
}

/**
 * Runs the healthcheck against a local stand-in for Grafana's /api/health, with a PATH holding only
 * bash (what the Ubuntu image is sure to have) and with the full PATH (wget/curl where installed):
 * it must pass on 200 and fail on 503.
 */
async function checkHealthcheck(test) {
  check(test[0] === 'CMD-SHELL', 'Grafana healthcheck is a shell command');
  let status = 200;
  const server = createServer((req, res) => {
    res.statusCode = req.url === '/api/health' ? status : 404;
    res.end('{}');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const command = test[1].replaceAll('127.0.0.1:3000', `127.0.0.1:${server.address().port}`).replaceAll('/127.0.0.1/3000', `/127.0.0.1/${server.address().port}`);
  const bashOnly = mkdtempSync(join(tmpdir(), 'healthcheck-'));
  for (const tool of ['sh', 'bash', 'head', 'grep', 'printf']) {
    const path = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    if (path.startsWith('/')) {
      symlinkSync(path, join(bashOnly, tool));
    }
  }
  // Asynchronous: the stand-in server answers on this process's event loop.
  const probe = (PATH) =>
    new Promise((ok) => {
      const child = spawn(join(bashOnly, 'sh'), ['-c', command], { env: { PATH }, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill(), 10_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        ok(code);
      });
    });
  for (const [label, PATH] of [
    ['bash only (Ubuntu image)', bashOnly],
    ['this machine (wget/curl)', process.env.PATH],
  ]) {
    status = 200;
    check((await probe(PATH)) === 0, `healthcheck passes on 200 with ${label}`);
    status = 503;
    check((await probe(PATH)) !== 0, `healthcheck fails on 503 with ${label}`);
  }
  server.close();
  rmSync(bashOnly, { recursive: true, force: true });
}
