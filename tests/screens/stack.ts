// Playwright global setup for the screens spec: the demo workload with backfilled history, a real
// Prometheus with the repo's recording rules, the Pushgateway fed by the deploy simulator and
// node-exporter and PostgreSQL under load with its exporter — the stack helper's startDemoStack on this
// spec's own ports (19140-19148) — a VictoriaMetrics (19147) holding the demo's year with its aggregates,
// for the Trends page's "Last 13 months" view and its long ranges, and a real Elasticsearch (19148) with
// a quarter of the satellite demo.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { startDemoStack } from '../integration/support/demoStack';
import { loadDemoYear } from '../integration/support/longTermYear';
import { waitFor } from '../integration/support/prometheusServer';
import { startVictoriaMetrics } from '../integration/support/victoriaMetrics';

export const SCREENS_PORTS = {
  prometheus: 19140,
  demo: 19141,
  pushgateway: 19142,
  nodeExporter: 19143,
  harness: 19144,
  postgres: 19145,
  postgresExporter: 19146,
  victoriaMetrics: 19147,
  elasticsearch: 19148,
};
/** 13 months and a margin, at the integration tests' hourly step (a quarter of the stack's 15 min): ~1 min to load. */
const YEAR_DAYS = 400;
const YEAR_STEP_SECONDS = 3600;

const ROOT = join(__dirname, '..', '..');
const ES_ENV = {
  ...process.env,
  ES_HTTP_PORT: String(SCREENS_PORTS.elasticsearch),
  ES_TRANSPORT_PORT: String(SCREENS_PORTS.elasticsearch + 100),
};

/** scripts/elasticsearch.sh: starts in the background and waits for health; stops by its PID file. */
function elasticsearch(command: 'reset' | 'start' | 'stop'): void {
  execFileSync('bash', [join(ROOT, 'scripts', 'elasticsearch.sh'), command], {
    env: ES_ENV,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 200_000,
  });
}

/** A fresh node with the satellite demo's quarter (its story: PROC-2 rewritten 12 days ago). */
function startSatelliteData(): () => void {
  elasticsearch('reset');
  elasticsearch('start');
  try {
    execFileSync(
      'npx',
      [
        'tsx',
        join(ROOT, 'demo', 'satellites', 'generate.ts'),
        '--es',
        `http://127.0.0.1:${SCREENS_PORTS.elasticsearch}`,
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
        timeout: 180_000,
      }
    );
    execFileSync('curl', ['-fsS', '-XPOST', `http://127.0.0.1:${SCREENS_PORTS.elasticsearch}/_refresh`], {
      stdio: 'ignore',
    });
  } catch (error) {
    elasticsearch('stop');
    throw error;
  }
  return () => elasticsearch('stop');
}
/** Trends opens on a week and fits daily seasonality, so it needs a little more than that. */
const HISTORY_DAYS = Number(process.env.SCREENS_HISTORY_DAYS ?? 8);

function nodeExporterRated(prometheusUrl: string) {
  return async () => {
    const query = encodeURIComponent('rate(node_cpu_seconds_total[1m])');
    const res = await fetch(`${prometheusUrl}/api/v1/query?query=${query}`);
    const body = (await res.json()) as { data?: { result?: unknown[] } };
    return (body.data?.result?.length ?? 0) > 0;
  };
}

async function count(prometheusUrl: string, selector: string, atSeconds?: number): Promise<number> {
  const time = atSeconds === undefined ? '' : `&time=${atSeconds}`;
  const res = await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(`count(${selector})`)}${time}`);
  const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
  return Number(body.data?.result?.[0]?.value[1] ?? 0);
}

/**
 * Grafana rounds a range query's end down to the step, so a series scraped only since the stack
 * started (targets' `up`, the deploy metrics the simulator pushes; they have no backfilled history)
 * is "No data" until its first sample is older than one step. Wait until each has a sample at the
 * last whole `stepSeconds`: a minute.
 */
function liveSeriesAtLastWholeStep(prometheusUrl: string, selector: string, stepSeconds: number) {
  return async () => {
    const now = await count(prometheusUrl, selector);
    const aligned = Math.floor(Date.now() / 1000 / stepSeconds) * stepSeconds;
    return now > 0 && (await count(prometheusUrl, selector, aligned)) >= now;
  };
}

export default async function globalSetup() {
  // For iterating on the harness: reuse a stack (and harness server) that is already running.
  if (process.env.SCREENS_EXTERNAL_STACK === '1') {
    return async () => {};
  }
  const started = Date.now();
  const stopElasticsearch = startSatelliteData();
  const stack = await startDemoStack({
    promPort: SCREENS_PORTS.prometheus,
    demoPort: SCREENS_PORTS.demo,
    pushgatewayPort: SCREENS_PORTS.pushgateway,
    nodeExporterPort: SCREENS_PORTS.nodeExporter,
    postgres: { port: SCREENS_PORTS.postgres, exporterPort: SCREENS_PORTS.postgresExporter },
    historyDays: HISTORY_DAYS,
    deployHistory: true,
    scrapeInterval: '5s',
  }).catch((error: unknown) => {
    stopElasticsearch();
    throw error;
  });
  const victoria = await startVictoriaMetrics({ port: SCREENS_PORTS.victoriaMetrics }).catch(async (error: unknown) => {
    await stack.stop();
    stopElasticsearch();
    throw error;
  });
  const stopAll = async () => {
    await victoria.stop();
    await stack.stop();
    stopElasticsearch();
  };
  try {
    // Up to the last whole hour: the year joins the live data Prometheus has (the views read the store alone).
    const endSeconds = Math.floor(Date.now() / 1000 / YEAR_STEP_SECONDS) * YEAR_STEP_SECONDS;
    const year = await loadDemoYear({
      vmUrl: victoria.url,
      endSeconds,
      days: YEAR_DAYS,
      stepSeconds: YEAR_STEP_SECONDS,
      replaySeconds: 396 * 86400,
      target: { job: 'demo', instance: `127.0.0.1:${SCREENS_PORTS.demo}` },
    });
    process.stdout.write(
      `screens: the demo year in VictoriaMetrics (written in ${year.writeSeconds.toFixed(1)} s, aggregates in ${year.replaySeconds.toFixed(1)} s)\n`
    );
    // node-exporter has no backfilled history: its rate() panels need two live scrapes first.
    await waitFor(nodeExporterRated(stack.prometheus.url), 60_000, 'two node-exporter scrapes in Prometheus');
    await waitFor(
      liveSeriesAtLastWholeStep(stack.prometheus.url, 'up', 60),
      90_000,
      'every target scraped a minute ago'
    );
    await waitFor(
      liveSeriesAtLastWholeStep(stack.prometheus.url, 'codesentinel_deploy_run_finished_timestamp_seconds', 60),
      200_000,
      'the live deploy runs scraped a minute ago'
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  process.stdout.write(
    `screens: demo stack with ${HISTORY_DAYS} d of history ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
  );
  return stopAll;
}
