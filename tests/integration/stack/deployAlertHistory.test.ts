// The demo's deploy history with its alerts, on a real Prometheus: the history step writes the runs
// and the ALERTS / ALERTS_FOR_STATE series of the repo's incident alerts (rule backfill skips
// alerting rules) into TSDB blocks with promtool; Prometheus opens them and the Deployment Pipeline's
// own catalogue queries, interpolated as Grafana would, see every firing alert and count the deploys
// followed by one as failed changes. alerting.test.ts checks the series' labels against the ones
// Prometheus records when it evaluates the same rules itself.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { type AlertEpisode, INCIDENT_ALERT_RULES, alertOpenMetrics } from '../../../demo/alertHistory';
import { deployHistoryRuns, windowStarts, writeDeployHistory } from '../../../demo/deployHistory';
import { DEMO_EPOCH_SECONDS, HOUR, MINUTE, incidents } from '../../../demo/load';
import { createModel } from '../../../demo/model';
import { type DeployRunRecord, type IncidentStart, alertOnsets, doraSummary } from '../../../src/analytics';
import { allPromQueries } from '../../../src/queries/catalogue';
import { PRESETS } from '../../../src/queries/conventions';
import { interpolate } from '../support/grafanaInterpolation';
import { type RunningServer, promQuery, startPrometheusServer } from '../support/processes';

const PROM_PORT = 19101;
/** Over two days, so one of auth's error bursts (every 2 days) is always in; the spike is placed below. */
const DAYS = 2.1;
const STEP = 60;
const SEED = 42;
const events = incidents(SEED);

/** The span ends an hour after the latest payments latency spike that began at least an hour ago. */
const { window } = events.latencySpike;
const k = Math.floor((Date.now() / 1000 - HOUR - DEMO_EPOCH_SECONDS - window.offset) / window.period);
const END = Math.floor((DEMO_EPOCH_SECONDS + window.offset + k * window.period + HOUR) / STEP) * STEP;
const FROM = END - DAYS * 86_400;
const model = createModel(SEED);
let episodes: AlertEpisode[] = [];
const firingStart = (e: AlertEpisode) => e.steps.find((s) => s.state === 'firing')?.t;

const dataDir = mkdtempSync(join(tmpdir(), 'codesentinel-deploy-alerts-'));
let prometheus: RunningServer;

beforeAll(async () => {
  episodes = (await writeDeployHistory({ seed: SEED, days: DAYS, end: END, outDir: dataDir, promtool: 'promtool' }))
    .alerts;
  prometheus = await startPrometheusServer({ port: PROM_PORT, config: 'global:\n  scrape_interval: 15s\n', dataDir });
}, 240_000);

afterAll(async () => {
  await prometheus?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function catalogue(id: string): string {
  const entry = allPromQueries(PRESETS.otel).find((e) => e.id === id);
  if (!entry) {
    throw new Error(`catalogue has no ${id}`);
  }
  const all = (values: string[]) => ({ values, multi: true, includeAll: true, allValue: '.*' });
  return interpolate(entry.expr, {
    rangeSeconds: END - FROM,
    maxDataPoints: 1000,
    scrapeIntervalSeconds: 15,
    variables: {
      service: all(model.services.map((s) => s.name)),
      environment: all(['staging', 'production']),
    },
  }).expr;
}

/** The page's incident onsets: the range query, then the page's rule (no onset at the range's first step). */
async function pageIncidents(): Promise<IncidentStart[]> {
  const r = await promQuery(prometheus.url, '/api/v1/query_range', {
    query: catalogue('deployments.incidents'),
    start: String(FROM),
    end: String(END),
    step: String(STEP),
  });
  expect(r.status).toBe('success');
  return r.data!.result.flatMap((s) =>
    alertOnsets(
      s.metric.service,
      s.values!.filter(([, v]) => Number(v) > 0).map(([t]) => t),
      2 * STEP
    ).filter((o) => o.at >= FROM + STEP)
  );
}

async function pageRuns(): Promise<DeployRunRecord[]> {
  const r = await promQuery(prometheus.url, '/api/v1/query', {
    query: catalogue('deployments.runs'),
    time: String(END),
  });
  expect(r.status).toBe('success');
  return r.data!.result.map((s) => ({
    service: s.metric.service,
    environment: s.metric.environment,
    runId: s.metric.run_id,
    status: s.metric.status as DeployRunRecord['status'],
    finishedAt: Number(s.value![1]),
  }));
}

test('the rules evaluated on the demo are the committed ones: names, severities and for:', () => {
  const committed = (
    parse(readFileSync(join('infrastructure', 'prometheus', 'rules', 'alerts.yaml'), 'utf8')) as {
      groups: Array<{ rules: Array<{ alert?: string; for?: string; labels?: { severity?: string } }> }>;
    }
  ).groups.flatMap((g) => g.rules);
  const seconds = (d: string) => Number(d.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[d.slice(-1) as 's' | 'm' | 'h'];
  for (const rule of INCIDENT_ALERT_RULES) {
    const c = committed.find((r) => r.alert === rule.alertname);
    expect(c).toBeDefined();
    expect([c!.labels?.severity, seconds(c!.for ?? '0s')]).toEqual([rule.severity, rule.forSeconds]);
  }
});

test("the demo's incidents raise their alerts: payments' latency spike and auth's error burst fire", () => {
  const spikes = windowStarts(events.latencySpike.window, FROM, END);
  const bursts = windowStarts(events.errorBurst.window, FROM, END - HOUR);
  expect(spikes.length).toBeGreaterThanOrEqual(1);
  expect(bursts.length).toBeGreaterThanOrEqual(1);
  const fired = (alertname: string, service: string, from: number, to: number) =>
    episodes.some(
      (e) =>
        e.alertname === alertname && e.service === service && (firingStart(e) ?? -1) >= from && firingStart(e)! <= to
    );
  for (const s of spikes) {
    expect(fired('LatencyP95OverSLO', 'payments', s, s + window.duration)).toBe(true);
  }
  for (const b of bursts) {
    expect(fired('ErrorBudgetBurnFast', 'auth', b, b + events.errorBurst.window.duration)).toBe(true);
  }
  const text = alertOpenMetrics(episodes);
  expect(text).toContain(
    'ALERTS{alertname="LatencyP95OverSLO",service="payments",severity="P2",alertstate="firing"} 1 '
  );
  expect(text).toContain('ALERTS_FOR_STATE{alertname="ErrorBudgetBurnFast",service="auth",severity="P1"} ');
});

test("the page's incidents query on the backfilled history finds every alert that starts firing in the range", async () => {
  const found = await pageIncidents();
  // An alert that resolves and fires again within Prometheus' 5-minute lookback reads as one.
  const expected = episodes.filter((e) => (firingStart(e) ?? -Infinity) >= FROM + STEP);
  console.log(
    `deploy alert history: ${episodes.length} episodes over ${DAYS} d, ${expected.length} start firing in it; the page sees ${found.length} onsets`
  );
  expect(expected.length).toBeGreaterThan(0);
  for (const e of expected) {
    const t = firingStart(e)!;
    const sameAlert = episodes.filter((o) => o.service === e.service && o.alertname === e.alertname && o !== e);
    const merged = sameAlert.some((o) =>
      o.steps.some((s) => s.state === 'firing' && s.t < t && s.t >= t - 5 * MINUTE - STEP)
    );
    if (!merged) {
      expect(found.some((o) => o.service === e.service && Math.abs(o.at - t) <= STEP)).toBe(true);
    }
  }
  // And nothing else: every onset the page sees is an alert's first firing step (an alert firing
  // since before the history began would have none), and only on the services with an injected
  // incident: healthy services meet their SLO (demoErrorBudget.test.ts), so no error-budget alert.
  for (const o of found) {
    expect(
      episodes.some((e) => e.service === o.service && Math.abs((firingStart(e) ?? -Infinity) - o.at) <= STEP)
    ).toBe(true);
  }
  expect([...new Set(found.map((o) => o.service))].sort()).toEqual(
    [events.errorBurst.service, events.latencySpike.service].sort()
  );
  expect([...new Set(episodes.filter((e) => e.alertname.startsWith('ErrorBudget')).map((e) => e.service))]).toEqual([
    events.errorBurst.service,
  ]);
});

test('deploys followed by a P1/P2 alert within the hour count as failed changes: the payments deploy before each spike', async () => {
  const runs = await pageRuns();
  expect(runs.length).toBe(deployHistoryRuns(SEED, FROM, END).length);
  const incidentsSeen = await pageIncidents();
  const summary = doraSummary({ runs, incidents: incidentsSeen, from: FROM, to: END });
  console.log(
    `deploy alert history: ${runs.length} runs, ${summary.changeFailureRate.failed} failed changes, ` +
      `${summary.changeFailureRate.alertLinked} of them successful deploys followed by an alert`
  );
  // The payments deploy 4 minutes before each latency spike succeeded; its alert makes it a failed change.
  const spikeDeploys = runs.filter(
    (r) =>
      r.service === 'payments' &&
      r.status === 'success' &&
      windowStarts(window, FROM, END).some((s) => r.finishedAt === s - 4 * MINUTE)
  );
  expect(spikeDeploys.length).toBeGreaterThanOrEqual(1);
  for (const run of spikeDeploys) {
    const alone = doraSummary({ runs: [run], incidents: incidentsSeen, from: FROM, to: END });
    expect(alone.changeFailureRate.alertLinked).toBe(1);
  }
  expect(summary.changeFailureRate.alertLinked).toBeGreaterThanOrEqual(spikeDeploys.length);
  // Without the alert history the same runs have no alert-linked failure at all.
  expect(doraSummary({ runs, incidents: [], from: FROM, to: END }).changeFailureRate.alertLinked).toBe(0);
});
