// The Trends page's "Last 13 months" view on a real VictoriaMetrics: 13 months of the demo written
// at 1 h steps (the writer's coarsest; a quarter of the 15 min backfill), the vmalert aggregates
// replayed over them, then the page's own query (Grafana-interpolated, All services, one point a
// day) over 13 months and the page's analysis of it: 13 whole months for every service, growth
// year over year as the demo grows, an interval around the trend, quieter weekends.
import { SERVICE_NAMES } from '../../../demo/topology';
import { isCannotModel, monthlyTrend } from '../../../src/analytics';
import { PRESETS } from '../../../src/queries/conventions';
import { MATCH_ALL_REGEX } from '../../../src/queries/escape';
import { LONG_TERM_TRENDS_STEP_SECONDS, longTermTrendsQuery } from '../../../src/queries/longRange';
import { interpolate } from '../support/grafanaInterpolation';
import { loadDemoYear } from '../support/longTermYear';
import { promQuery } from '../support/processes';
import { type VictoriaMetricsServer, startVictoriaMetrics } from '../support/victoriaMetrics';

const VICTORIA_PORT = 19432;
const DAY = 86400;
const STEP = 3600;
const HISTORY_DAYS = 400;
// Midnight a few days ago: deterministic data, and the daily aggregates line up with UTC days.
const END = Math.floor((Date.now() / 1000 - 3 * DAY) / DAY) * DAY;
/** 13 months, as the view's time range (now-13M) spans. */
const RANGE = 396 * DAY;

let victoria: VictoriaMetricsServer;

// A year at 1 h steps takes about a minute on a quiet two-core machine and over four under load.
beforeAll(async () => {
  victoria = await startVictoriaMetrics({ port: VICTORIA_PORT });
  await loadDemoYear({
    vmUrl: victoria.url,
    endSeconds: END,
    days: HISTORY_DAYS,
    stepSeconds: STEP,
    replaySeconds: RANGE,
  });
}, 600_000);

afterAll(async () => {
  await victoria?.stop();
});

async function pageQuery(): Promise<Array<{ service: string; timestamps: number[]; values: number[] }>> {
  const q = longTermTrendsQuery(PRESETS.otel);
  expect(q.source).toBe('codesentinel_1d');
  const { expr } = interpolate(q.expr, {
    rangeSeconds: RANGE,
    maxDataPoints: 500,
    scrapeIntervalSeconds: 900,
    variables: { service: { values: [], multi: true, includeAll: true, allValue: MATCH_ALL_REGEX } },
  });
  const r = await promQuery(victoria.url, '/api/v1/query_range', {
    query: expr,
    start: String(END - RANGE),
    end: String(END),
    step: String(LONG_TERM_TRENDS_STEP_SECONDS),
  });
  if (r.status !== 'success') {
    throw new Error(`${r.error}\nquery: ${expr}`);
  }
  return r.data!.result.map((s) => ({
    service: s.metric[q.seriesLabel],
    timestamps: s.values!.map(([t]) => Number(t) * 1000),
    values: s.values!.map(([, v]) => Number(v)),
  }));
}

test("the page's query returns 13 months of daily values for every service, from the daily aggregate", async () => {
  const series = await pageQuery();
  expect(series.map((s) => s.service).sort()).toEqual([...SERVICE_NAMES].sort());
  for (const s of series) {
    // One point a day over 396 days, give or take the first day the replay starts at.
    expect({ service: s.service, enough: s.values.length >= 394 }).toEqual({ service: s.service, enough: true });
    const trend = monthlyTrend(s);
    if (isCannotModel(trend)) {
      throw new Error(trend.reason);
    }
    expect(trend.months.filter((m) => m.days >= 28).length).toBeGreaterThanOrEqual(12);
  }
});

test('growth, year over year and the yearly profile show what the demo year holds', async () => {
  const series = await pageQuery();
  const totals = new Map<number, number>();
  for (const s of series) {
    s.timestamps.forEach((t, i) => totals.set(t, (totals.get(t) ?? 0) + s.values[i]));
  }
  const timestamps = [...totals.keys()].sort((a, b) => a - b);
  const trend = monthlyTrend({ timestamps, values: timestamps.map((t) => totals.get(t)!) });
  if (isCannotModel(trend)) {
    throw new Error(trend.reason);
  }
  console.log(
    'growth per month',
    trend.growth,
    'year over year',
    trend.yearOverYear,
    'months',
    trend.months.map((m) => `${m.key} ${m.mean.toFixed(1)} (${m.days} d)`).join(', ')
  );
  // The demo grows ~4 % a quarter (~1.3 % a month): year over year is free of the season.
  expect(trend.yearOverYear!.perMonth).toBeGreaterThan(0.005);
  expect(trend.yearOverYear!.perMonth).toBeLessThan(0.025);
  const g = trend.growth!;
  expect(g.lower).toBeLessThan(g.estimate);
  expect(g.upper).toBeGreaterThan(g.estimate);
  expect(g.lower).toBeLessThan(0.013);
  expect(g.upper).toBeGreaterThan(0.013);
  // Day of week: the demo's weekends are quieter than its weekdays.
  const day = (d: number) => trend.dayOfWeek.find((b) => b.key === d)!.index;
  expect(day(0)).toBeLessThan(day(3));
});
