/**
 * The demo's alert history: the repo's per-service incident alerts (infrastructure/prometheus/rules/
 * alerts.yaml) evaluated on the demo's own model at every history step, written as the series
 * Prometheus records for them: `ALERTS{alertname, alertstate="pending"|"firing", <labels>} 1` and
 * `ALERTS_FOR_STATE{alertname, <labels>} <active since, Unix s>`. Rule backfill (promtool) skips
 * alerting rules, so without this the Deployment Pipeline sees alerts only from the live minutes on
 * and its change failure rate misses deploys followed by an alert.
 *
 * The rules read recording rules over `rate(...[w])`; here the same ratios and p95 come from the
 * model's cumulative counters at t − w and t (what `increase` reads without extrapolation), which is
 * what Prometheus evaluates on the backfilled samples up to the edges of each window.
 */
import { DAY, HOUR, MINUTE } from './load';
import { type DemoModel, type StatusSeries, BUCKETS_SECONDS } from './model';

export interface AlertRule {
  alertname: string;
  severity: 'P1' | 'P2';
  /** The rule's `for:` in seconds. */
  forSeconds: number;
  /** Does the condition hold for the service's series at t? */
  holds: (w: ServiceWindows, t: number) => boolean;
}

/** Windowed reads of one service's request series (all instances and tracks, as the recording rules sum). */
export interface ServiceWindows {
  errorRatio: (window: number, t: number) => number;
  p95: (window: number, t: number) => number;
}

const SLO_BUDGET = 0.001;

/** The rules of alerts.yaml that fire per service on request data (thresholds and `for:` as committed). */
export const INCIDENT_ALERT_RULES: readonly AlertRule[] = [
  {
    alertname: 'ErrorBudgetBurnFast',
    severity: 'P1',
    forSeconds: 2 * MINUTE,
    holds: (w, t) =>
      (w.errorRatio(HOUR, t) > 14.4 * SLO_BUDGET && w.errorRatio(5 * MINUTE, t) > 14.4 * SLO_BUDGET) ||
      (w.errorRatio(6 * HOUR, t) > 6 * SLO_BUDGET && w.errorRatio(30 * MINUTE, t) > 6 * SLO_BUDGET),
  },
  {
    alertname: 'ErrorBudgetBurnSlow',
    severity: 'P2',
    forSeconds: 15 * MINUTE,
    holds: (w, t) =>
      (w.errorRatio(DAY, t) > 3 * SLO_BUDGET && w.errorRatio(2 * HOUR, t) > 3 * SLO_BUDGET) ||
      (w.errorRatio(3 * DAY, t) > SLO_BUDGET && w.errorRatio(6 * HOUR, t) > SLO_BUDGET),
  },
  {
    alertname: 'LatencyP95OverSLO',
    severity: 'P2',
    forSeconds: 10 * MINUTE,
    holds: (w, t) => w.p95(5 * MINUTE, t) > 1,
  },
];

/** `histogram_quantile(q, ...)` on bucket increases: linear within the bucket that holds the rank. */
export function quantileFromBuckets(q: number, buckets: readonly number[], total: number): number {
  if (!(total > 0)) {
    return NaN;
  }
  const rank = q * total;
  const i = buckets.findIndex((b) => b >= rank);
  if (i < 0) {
    // In the +Inf bucket: histogram_quantile answers with the highest finite bound.
    return BUCKETS_SECONDS[BUCKETS_SECONDS.length - 1];
  }
  const lower = i > 0 ? BUCKETS_SECONDS[i - 1] : 0;
  const below = i > 0 ? buckets[i - 1] : 0;
  return buckets[i] === below ? lower : lower + ((BUCKETS_SECONDS[i] - lower) * (rank - below)) / (buckets[i] - below);
}

export function serviceWindows(model: DemoModel, service: string): ServiceWindows {
  const series: StatusSeries[] = model.series.filter((s) => s.service.name === service);
  // The service's sums at t (what `sum by (service)` sees), kept small: one entry per time read.
  const cache = new Map<number, { total: number; errors: number; buckets: number[] }>();
  const at = (t: number) => {
    let v = cache.get(t);
    if (!v) {
      v = { total: 0, errors: 0, buckets: BUCKETS_SECONDS.map(() => 0) };
      for (const s of series) {
        const h = model.histogramAt(s, t);
        v.total += h.count;
        v.errors += s.code.startsWith('5') ? h.count : 0;
        h.buckets.forEach((b, i) => (v!.buckets[i] += b));
      }
      cache.set(t, v);
    }
    return v;
  };
  return {
    errorRatio: (window, t) => {
      const total = at(t).total - at(t - window).total;
      return total > 0 ? (at(t).errors - at(t - window).errors) / total : 0;
    },
    p95: (window, t) => {
      const a = at(t - window);
      const z = at(t);
      return quantileFromBuckets(
        0.95,
        z.buckets.map((b, i) => b - a.buckets[i]),
        z.total - a.total
      );
    },
  };
}

/** One alert instance over time: when it became active and the steps at which it was pending or firing. */
export interface AlertEpisode {
  alertname: string;
  severity: string;
  service: string;
  activeAt: number;
  /** Evaluation times (Unix s) while active, each with its state. */
  steps: Array<{ t: number; state: 'pending' | 'firing' }>;
}

/**
 * Every alert episode of the rules on the demo's services over [from, to], evaluated every `step`
 * seconds like Prometheus' rule manager: pending from the first evaluation that holds, firing once
 * it has held for `for:`, gone at the first evaluation that does not hold. Evaluation starts
 * `warmUpSeconds` before `from`, so an alert already active then keeps its true start and state
 * (only steps from `from` on are kept).
 */
export function alertEpisodes(
  model: DemoModel,
  from: number,
  to: number,
  step: number,
  rules: readonly AlertRule[] = INCIDENT_ALERT_RULES,
  warmUpSeconds = HOUR
): AlertEpisode[] {
  const episodes: AlertEpisode[] = [];
  const first = Math.ceil(from / step) * step;
  for (const service of model.services.map((s) => s.name)) {
    const windows = serviceWindows(model, service);
    for (const rule of rules) {
      let open: AlertEpisode | undefined;
      for (let t = first - Math.ceil(warmUpSeconds / step) * step; t <= to; t += step) {
        if (!rule.holds(windows, t)) {
          open = undefined;
          continue;
        }
        open ??= { alertname: rule.alertname, severity: rule.severity, service, activeAt: t, steps: [] };
        if (t >= first) {
          if (open.steps.length === 0) {
            episodes.push(open);
          }
          open.steps.push({ t, state: t - open.activeAt >= rule.forSeconds ? 'firing' : 'pending' });
        }
      }
    }
  }
  return episodes;
}

function labelSet(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',')}}`;
}

/** The episodes as OpenMetrics families `ALERTS` and `ALERTS_FOR_STATE`, without the `# EOF` line. */
export function alertOpenMetrics(episodes: readonly AlertEpisode[]): string {
  if (episodes.length === 0) {
    return '';
  }
  const alerts = new Map<string, string[]>();
  const forState: string[] = [];
  for (const e of episodes) {
    const labels = { alertname: e.alertname, service: e.service, severity: e.severity };
    for (const { t, state } of e.steps) {
      const key = `ALERTS${labelSet({ ...labels, alertstate: state })}`;
      alerts.set(key, [...(alerts.get(key) ?? []), `${key} 1 ${t}`]);
    }
    forState.push(...e.steps.map(({ t }) => `ALERTS_FOR_STATE${labelSet(labels)} ${e.activeAt} ${t}`));
  }
  // One series must be contiguous in the file: group ALERTS lines by series, ALERTS_FOR_STATE by alert.
  const byKey = new Map<string, string[]>();
  for (const line of forState) {
    const key = line.slice(0, line.lastIndexOf(' ', line.lastIndexOf(' ') - 1));
    byKey.set(key, [...(byKey.get(key) ?? []), line]);
  }
  return (
    `# TYPE ALERTS gauge\n${[...alerts.values()].flat().join('\n')}\n` +
    `# TYPE ALERTS_FOR_STATE gauge\n${[...byKey.values()].flat().join('\n')}\n`
  );
}
