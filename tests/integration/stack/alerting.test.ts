// Alert routing end to end: a real Prometheus evaluates the repo's rules on the demo workload
// (its clock set inside auth's error burst) and on deployment results pushed to a real
// Pushgateway, a real Alertmanager (started first) routes with the repo's alertmanager.yml, and a
// local webhook receiver stands in for PagerDuty and Slack.
// Test-only changes, all timing: `for:` 0s, rule groups every 1s, group_wait/group_interval 1s,
// and the secret files / PagerDuty URL pointed at temporary files and 127.0.0.1. Routing tree,
// grouping and inhibition are the committed ones.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { alertEpisodes, alertOpenMetrics } from '../../../demo/alertHistory';
import { pushRun } from '../../../demo/deploySimulator';
import { DEMO_EPOCH_SECONDS } from '../../../demo/load';
import { createModel } from '../../../demo/model';
import { startDemoServer } from '../../../demo/server';
import {
  type RunningServer,
  promQuery,
  startAlertmanager,
  startPrometheusServer,
  startPushgateway,
  stackScrapeConfig,
} from '../support/processes';
import { waitFor } from '../support/prometheusServer';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhookReceiver';

const AM_PORT = 19093;
const PROM_PORT = 19097;
const PUSHGATEWAY_PORT = 19092;
const DEMO_PORT = 19122;
const WEBHOOK_PORT = 19111;
const ROUTING_KEY = 'test-routing-key-from-file';

const scratch = mkdtempSync(join(tmpdir(), 'codesentinel-alerting-'));
let webhook: WebhookReceiver;
let alertmanager: RunningServer;
let pushgateway: RunningServer;
let prometheus: RunningServer;
let demo: Server;

function testAlertmanagerConfig(): string {
  writeFileSync(join(scratch, 'pagerduty_routing_key'), `${ROUTING_KEY}\n`);
  writeFileSync(join(scratch, 'slack_webhook_url'), `${webhook.url}/slack\n`);
  const committed = readFileSync(join('infrastructure', 'alertmanager', 'alertmanager.yml'), 'utf8');
  return committed
    .replace(/\/etc\/alertmanager\/secrets/g, scratch)
    .replace('global:\n', `global:\n  pagerduty_url: ${webhook.url}/pagerduty\n`)
    .replace(/group_wait: \S+/, 'group_wait: 1s')
    .replace(/group_interval: \S+/, 'group_interval: 1s');
}

function testRuleFiles(): string[] {
  const dir = join('infrastructure', 'prometheus', 'rules');
  return readdirSync(dir).map((name) => {
    const fast = readFileSync(join(dir, name), 'utf8')
      .replace(/for: \S+/g, 'for: 0s')
      .replace(/interval: \S+/g, 'interval: 1s');
    const file = join(scratch, name);
    writeFileSync(file, fast);
    return file;
  });
}

/** Clock offset that puts the demo five minutes into auth's most recent error burst. */
function offsetIntoErrorBurst(): number {
  const { window } = createModel(42).incidents.errorBurst;
  const now = Date.now() / 1000;
  const k = Math.floor((now - DEMO_EPOCH_SECONDS - window.offset) / window.period);
  return DEMO_EPOCH_SECONDS + window.offset + k * window.period + 300 - now;
}

beforeAll(async () => {
  webhook = await startWebhookReceiver(WEBHOOK_PORT);
  alertmanager = await startAlertmanager(AM_PORT, testAlertmanagerConfig());
  pushgateway = await startPushgateway(PUSHGATEWAY_PORT);
  demo = await startDemoServer({
    port: DEMO_PORT,
    host: '127.0.0.1',
    seed: 42,
    conventions: ['otel'],
    clockOffsetSeconds: offsetIntoErrorBurst(),
  });
  const rules = testRuleFiles();
  const config =
    stackScrapeConfig({ demo: `127.0.0.1:${DEMO_PORT}`, pushgateway: `127.0.0.1:${PUSHGATEWAY_PORT}` }, '1s') +
    `rule_files:\n${rules.map((r) => `  - ${r}`).join('\n')}\n` +
    `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ['127.0.0.1:${AM_PORT}']\n`;
  prometheus = await startPrometheusServer({ port: PROM_PORT, config, extraArgs: ['--rules.alert.resend-delay=1s'] });
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await pushgateway?.stop();
  await alertmanager?.stop();
  await new Promise((r) => (demo ? demo.close(r) : r(undefined)));
  await webhook?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('P1 (error-budget burn on auth) pages through PagerDuty with the routing key from its file', async () => {
  const started = Date.now();
  await waitFor(async () => webhook.received.some((n) => n.path === '/pagerduty'), 90_000, 'a PagerDuty event');
  const event = webhook.received.find((n) => n.path === '/pagerduty')!.body as {
    routing_key: string;
    event_action: string;
    payload: { summary: string; severity: string; custom_details: { firing: string } };
  };
  console.log(
    `alerting: PagerDuty event after ${((Date.now() - started) / 1000).toFixed(1)} s: ${event.payload.summary}`
  );
  expect(event.routing_key).toBe(ROUTING_KEY);
  expect(event.event_action).toBe('trigger');
  expect(event.payload.severity).toBe('critical');
  expect(event.payload.summary).toBe('auth burns its error budget fast');
  expect(event.payload.custom_details.firing).toContain('alertname = ErrorBudgetBurnFast');
  expect(event.payload.custom_details.firing).toContain('severity = P1');
  // Only P1 alerts reach PagerDuty.
  for (const n of webhook.received.filter((r) => r.path === '/pagerduty')) {
    expect(JSON.stringify(n.body)).not.toContain('severity = P2');
  }
});

test('P2 goes to Slack grouped by alertname and service; P1 on auth inhibits auth P2', async () => {
  const now = Math.round(Date.now() / 1000);
  const failed = { startedAt: now - 95, finishedAt: now, status: 'failure' as const };
  await pushRun(pushgateway.url, { service: 'payments', environment: 'staging', runId: 'a1', ...failed });
  await pushRun(pushgateway.url, { service: 'payments', environment: 'production', runId: 'a2', ...failed });
  await pushRun(pushgateway.url, { service: 'auth', environment: 'production', runId: 'a3', ...failed });

  const slackFor = (text: string) =>
    webhook.received.filter((n) => n.path === '/slack' && JSON.stringify(n.body).includes(text)).map((n) => n.body);
  await waitFor(
    async () =>
      slackFor('DeployFailed payments').some(
        (b) => JSON.stringify(b).includes('staging') && JSON.stringify(b).includes('production')
      ),
    60_000,
    'one Slack message holding both failed payments deployments'
  );
  const message = slackFor('DeployFailed payments')[0] as {
    channel: string;
    attachments: Array<{ title: string; text: string }>;
  };
  console.log(
    `alerting: Slack message "${message.attachments[0].title}" (${message.attachments[0].text.trim().split('\n').length} alerts)`
  );
  expect(message.channel).toBe('#codesentinel-alerts');
  expect(message.attachments[0].title).toBe('[FIRING] DeployFailed payments');
  expect(message.attachments[0].text).toContain('payments in staging');
  expect(message.attachments[0].text).toContain('payments in production');

  // The auth deployment failure fires in Prometheus and reaches Alertmanager, which holds it back.
  await waitFor(
    async () => {
      const res = await fetch(
        `${alertmanager.url}/api/v2/alerts?filter=alertname%3D%22DeployFailed%22&filter=service%3D%22auth%22`
      );
      const alerts = (await res.json()) as Array<{ status: { state: string; inhibitedBy: string[] } }>;
      return alerts.length === 1 && alerts[0].status.state === 'suppressed' && alerts[0].status.inhibitedBy.length > 0;
    },
    30_000,
    'Alertmanager to receive and inhibit DeployFailed{service="auth"}'
  );
  // Give a possible (wrong) Slack notification for auth time to arrive: several group intervals.
  await new Promise((r) => setTimeout(r, 4000));
  expect(slackFor('auth')).toEqual([]);
});

test("the demo's alert history writes ALERTS and ALERTS_FOR_STATE as Prometheus records them", async () => {
  // Prometheus has evaluated the committed rules on auth's burst; the history writer evaluates the
  // same rules on the same minutes of the model. Their series must be one and the same.
  const live = async (selector: string) => {
    const res = await fetch(`${prometheus.url}/api/v1/series?match[]=${encodeURIComponent(selector)}`);
    return ((await res.json()) as { data: Array<Record<string, string>> }).data;
  };
  const fast = '{alertname="ErrorBudgetBurnFast",service="auth"}';
  await waitFor(
    async () => (await live(`ALERTS${fast}`)).some((s) => s.alertstate === 'firing'),
    60_000,
    'ErrorBudgetBurnFast on auth to fire in Prometheus'
  );
  const now = Date.now() / 1000;
  const burstNow = now + offsetIntoErrorBurst();
  const history = alertOpenMetrics(alertEpisodes(createModel(42), burstNow - 600, burstNow + 600, 60));
  const historySeries = new Set(
    history
      .split('\n')
      .filter((l) => /^ALERTS(_FOR_STATE)?\{/.test(l))
      .map((l) => l.slice(0, l.indexOf('} ') + 1))
  );
  const asText = (s: Record<string, string>) => {
    const { __name__: name, ...labels } = s;
    const order = ['alertname', 'service', 'severity', 'alertstate'];
    return `${name}{${order
      .filter((k) => k in labels)
      .map((k) => `${k}="${labels[k]}"`)
      .join(',')}}`;
  };
  const recorded = [...(await live(`ALERTS${fast}`)), ...(await live(`ALERTS_FOR_STATE${fast}`))];
  // Nothing beyond the labels the history writes (a job or instance label would split the series).
  for (const s of recorded) {
    expect(Object.keys(s).sort()).toEqual(
      s.__name__ === 'ALERTS'
        ? ['__name__', 'alertname', 'alertstate', 'service', 'severity']
        : ['__name__', 'alertname', 'service', 'severity']
    );
  }
  const firing = recorded.filter((s) => s.__name__ === 'ALERTS_FOR_STATE' || s.alertstate === 'firing').map(asText);
  console.log(`alerting: Prometheus recorded ${firing.join(', ')}; the history writes ${historySeries.size} series`);
  expect(firing.every((s) => historySeries.has(s))).toBe(true);
  // ALERTS_FOR_STATE holds the time the alert became active, in seconds.
  const forState = await promQuery(prometheus.url, '/api/v1/query', { query: `ALERTS_FOR_STATE${fast}` });
  const activeAt = Number(forState.data!.result[0].value![1]);
  expect(activeAt).toBeGreaterThan(now - 600);
  expect(activeAt).toBeLessThanOrEqual(now + 5);
});
