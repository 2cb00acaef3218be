// Long-term storage benchmark, on a real VictoriaMetrics (the Debian binary) with the demo's year:
//  1. backfill: 13 months at 15-minute steps through the import API (time, samples, size on disk);
//  2. the hourly and daily aggregates over the same 13 months with vmalert's replay mode;
//  3. the Trends queries over 13 months at the step the app uses (under 11,000 points a series),
//     from raw samples and from the aggregates: time per query and the ratio, in one run;
//  4. what the year holds: the holiday dip, the seasonal peak and growth, measured from the store.
// Run: npm run bench:lts   (LTS_DAYS=395 LTS_STEP=900 DEMO_CONVENTIONS=otel,prometheus,istio)
import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { writeLongTermHistory } from '../demo/longTermHistory';
import { conventionsOption } from '../demo/options';
import { PRESETS } from '../src/queries/conventions';
import { type LongRangeMeasure, longRangeQuery, longRangeStep } from '../src/queries/longRange';
import { promQuery } from '../tests/integration/support/processes';
import { forceFlush, startVictoriaMetrics } from '../tests/integration/support/victoriaMetrics';

const PORT = 19437;
const DAY = 86400;
const DAYS = Number(process.env.LTS_DAYS ?? 395);
const STEP = Number(process.env.LTS_STEP ?? 900);
const RUNS = 3;
const MEASURES: LongRangeMeasure[] = ['requestRate', 'errorRatio', 'p95', 'cpu', 'memory'];

function sizeOf(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) {
    return s.size;
  }
  return readdirSync(path).reduce((n, name) => n + sizeOf(join(path, name)), 0);
}

/** Grafana's interpolation for a long-range panel: ${service} = All (.*), $__rate_interval = step + scrape interval. */
function interpolate(expr: string, step: number): string {
  return expr.replaceAll('${service}', '.*').replaceAll('$__rate_interval', `${step + STEP}s`);
}

async function timed(
  url: string,
  query: string,
  seriesLabel: string,
  start: number,
  end: number,
  step: number
): Promise<{ ms: number; points: number; values: Map<string, number[]> }> {
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof promQuery>> | undefined;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await promQuery(url, '/api/v1/query_range', {
      query,
      start: String(start),
      end: String(end),
      step: String(step),
    });
    times.push(performance.now() - t0);
    if (last.status !== 'success') {
      throw new Error(`${last.error}\nquery: ${query}`);
    }
  }
  const result = last!.data!.result;
  const values = new Map(result.map((s) => [s.metric[seriesLabel], s.values!.map(([, v]) => Number(v))]));
  return {
    ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)],
    points: result.reduce((n, s) => n + s.values!.length, 0),
    values,
  };
}

async function main(): Promise<void> {
  const conventions = conventionsOption([]);
  const vm = await startVictoriaMetrics({ port: PORT });
  try {
    const end = Math.floor(Date.now() / 1000 / 3600) * 3600;
    const history = await writeLongTermHistory({
      vmUrl: vm.url,
      seed: 42,
      days: DAYS,
      stepSeconds: STEP,
      endSeconds: end,
      conventions,
      target: { job: 'demo', instance: 'demo:9464' },
      extraLabels: {},
    });
    await forceFlush(vm.url);
    const bytes = sizeOf(vm.dataDir);
    console.log(
      `backfill: ${DAYS} d at ${STEP} s (${conventions.join(', ')}): ${(history.samples / 1e6).toFixed(1)} M samples of ${history.series} series in ${history.seconds.toFixed(1)} s (${(history.samples / history.seconds / 1e3).toFixed(0)} k samples/s)`
    );
    console.log(
      `size on disk after the import: ${(bytes / 1e6).toFixed(1)} MB (${(bytes / history.samples).toFixed(2)} bytes a sample)`
    );

    const replayStarted = Date.now();
    await promisify(execFile)('vmalert', [
      `-rule=${join(process.cwd(), 'infrastructure', 'victoriametrics', 'long-term-rules.yaml')}`,
      `-datasource.url=${vm.url}`,
      `-remoteWrite.url=${vm.url}`,
      `-replay.timeFrom=${new Date(history.startSeconds * 1000).toISOString()}`,
      `-replay.timeTo=${new Date(end * 1000).toISOString()}`,
      '-replay.rulesDelay=0s',
      // vmalert 1.79 steps a replay by -datasource.queryStep (5m by default); 0 makes it each group's interval.
      '-datasource.queryStep=0s',
      '-loggerLevel=WARN',
    ]);
    await forceFlush(vm.url);
    console.log(
      `aggregates: vmalert replay of the hourly and daily rules over ${DAYS} d in ${((Date.now() - replayStarted) / 1000).toFixed(1)} s`
    );

    const range = 395 * DAY;
    const step = longRangeStep(range);
    const start = end - range;
    console.log(
      `\nTrends queries over 13 months at a ${step} s step (${range / step} points a series), median of ${RUNS}:`
    );
    console.log('measure       raw ms   aggregate ms   ratio   points raw/agg   mean |diff|');
    let rawTotal = 0;
    let aggTotal = 0;
    for (const measure of MEASURES) {
      const raw = longRangeQuery(PRESETS.otel, measure, 60, { useAggregates: true });
      const agg = longRangeQuery(PRESETS.otel, measure, step, { useAggregates: true });
      const r = await timed(vm.url, interpolate(raw.expr, step), raw.seriesLabel, start, end, step);
      const a = await timed(vm.url, interpolate(agg.expr, step), agg.seriesLabel, start, end, step);
      rawTotal += r.ms;
      aggTotal += a.ms;
      // The same numbers either way (raw at a 1 h step with a 75 min window vs the 1 h aggregate): mean relative difference.
      let diff = 0;
      let n = 0;
      for (const [k, values] of a.values) {
        const other = r.values.get(k);
        values.forEach((v, i) => {
          if (other && Number.isFinite(other[i]) && Math.abs(other[i]) > 1e-12) {
            diff += Math.abs(v - other[i]) / Math.abs(other[i]);
            n += 1;
          }
        });
      }
      console.log(
        `${measure.padEnd(12)} ${r.ms.toFixed(0).padStart(7)}   ${a.ms.toFixed(0).padStart(12)}   ${(r.ms / a.ms).toFixed(1).padStart(5)}×   ${String(r.points).padStart(7)}/${a.points}   ${n ? ((100 * diff) / n).toFixed(1) + ' %' : 'n/a'}`
      );
    }
    console.log(
      `all five: raw ${rawTotal.toFixed(0)} ms, aggregates ${aggTotal.toFixed(0)} ms: ${(rawTotal / aggTotal).toFixed(1)}× faster from the aggregates`
    );

    // The year's shape, from the daily aggregate of all services.
    const daily = await promQuery(vm.url, '/api/v1/query_range', {
      query: 'sum(codesentinel_1d:service_requests:rate1d)',
      start: String(start + DAY),
      end: String(end),
      step: String(DAY),
    });
    const points = (daily.data?.result[0]?.values ?? []).map(([t, v]) => ({ t: Number(t), v: Number(v) }));
    if (points.length > 300) {
      const mean = (xs: Array<{ v: number }>) => xs.reduce((s, x) => s + x.v, 0) / xs.length;
      const byMonth = new Map<string, Array<{ v: number }>>();
      for (const p of points) {
        const month = new Date(p.t * 1000).toISOString().slice(0, 7);
        byMonth.set(month, [...(byMonth.get(month) ?? []), p]);
      }
      const holiday = points.filter((p) => {
        const d = new Date((p.t - DAY) * 1000);
        return (d.getUTCMonth() === 11 && d.getUTCDate() >= 23) || (d.getUTCMonth() === 0 && d.getUTCDate() <= 2);
      });
      const before = points.filter((p) => {
        const d = new Date((p.t - DAY) * 1000);
        return d.getUTCMonth() === 11 && d.getUTCDate() >= 1 && d.getUTCDate() <= 14;
      });
      const quarter = 91;
      const last = points.slice(-quarter);
      const previous = points.slice(-2 * quarter, -quarter);
      const months = [...byMonth].map(([m, xs]) => `${m} ${mean(xs).toFixed(0)}`);
      console.log(`\nthe year in the store (requests/s, all services, daily): ${months.join(' · ')}`);
      console.log(
        `holiday dip: ${(100 * (mean(holiday) / mean(before) - 1)).toFixed(0)} % against 1-14 December; growth: ${(100 * (mean(last) / mean(previous) - 1)).toFixed(1)} % the last quarter over the one before`
      );
    }
  } finally {
    await vm.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
