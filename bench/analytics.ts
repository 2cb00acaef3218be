// npm run bench:analytics — prints figures, asserts nothing (timing targets belong here, not in tests).
//
// 1. per-series cost of each model at 1k and 10k points;
// 2. the 100 × 10,000-point batch: augurs MSTL-ETS (period 288) fit + in-sample + 288-step forecast run
//    sequentially at full resolution on this thread, against the engine (auto model, maxPoints, a pool
//    of worker_threads standing in for Web Workers) — measured in the same run, as a ratio;
// 3. refreshes (model memory and result cache);
// 4. accuracy of the fast path against the full-resolution fit on the same data, and on the same
//    series with a one-off incident injected into their history.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { bandAt } from '../src/analytics/models/band';
import { forecast } from '../src/analytics/models/forecast';
import { runAnalysisInThread } from '../src/analytics/runtime/analyse';
import { clearAnalysisCache } from '../src/analytics/runtime/cache';
import { createAnalyticsPool, defaultPoolSize } from '../src/analytics/runtime/pool';
import type { WorkerLike } from '../src/analytics/runtime/protocol';
import '../tests/support/analytics/nodeWasm';
import { loadMstl } from '../src/analytics/runtime/wasm';
import type {
  AnalysisRequest,
  AnalysisResult,
  ForecastOptions,
  ModelChoice,
  SeriesInput,
} from '../src/analytics/types';
import { seasonalSeries, slice } from '../tests/support/analytics/synthetic';

const STEP = 5 * 60_000;
const PERIOD = 288;
const HORIZON = 288;
const POINTS = 10_000;
const args = process.argv.slice(2);
const SERIES = Number(args[args.indexOf('--series') + 1]) || 100;
const MAX_POINTS = Number(args[args.indexOf('--max-points') + 1]) || 1000;
const ACCURACY_SERIES = Math.min(SERIES, 30);

const out = (line = '') => process.stdout.write(`${line}\n`);

function table(headers: string[], rows: Array<Array<string | number>>) {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const fmt = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  out(fmt(headers));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  cells.forEach((r) => out(fmt(r)));
}

function makeSeries(seed: number, points: number, future = HORIZON) {
  return seasonalSeries({
    points: points + future,
    stepMs: STEP,
    period: PERIOD,
    seed,
    noise: 2,
    amplitude: 10,
    trend: 0.002,
  });
}

function nodeWorker(): WorkerLike {
  // `--import tsx` in execArgv does not reach worker_threads on Node 20, so the worker registers tsx's
  // CommonJS hook itself before loading the TypeScript entry.
  const entry = JSON.stringify(join(__dirname, 'analytics-worker.ts'));
  const worker = new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true });
  return {
    postMessage: (m) => worker.postMessage(m),
    onReply: (h) => worker.on('message', h),
    onFailure: (h) => worker.on('error', (e) => h(e.message)),
    terminate: () => void worker.terminate(),
  };
}

/** Median of `reps` timed calls (the median resists other processes stealing the CPU). */
async function timeIt(fn: () => Promise<unknown>, reps: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(reps / 2)];
}

async function perSeriesCosts() {
  out('## Per-series cost (engine, one thread, no cache; median of 5 runs over 3 series)');
  const rows: Array<Array<string | number>> = [];
  const models: Array<[string, ModelChoice, number | undefined]> = [
    ['linear (OLS)', 'linear', undefined],
    ['robust-linear (Theil–Sen)', 'robust-linear', undefined],
    ['seasonal, full resolution', 'seasonal', undefined],
    [`seasonal, maxPoints ${MAX_POINTS}`, 'seasonal', MAX_POINTS],
    ['auto, full resolution', 'auto', undefined],
    [`auto, maxPoints ${MAX_POINTS}`, 'auto', MAX_POINTS],
  ];
  for (const [name, model, maxPoints] of models) {
    const row: Array<string | number> = [name];
    for (const points of [1000, 10_000]) {
      const inputs = [1, 2, 3].map((s) => slice(makeSeries(s, points, 0), 0, points));
      let i = 0;
      const options: ForecastOptions = {
        model,
        horizon: HORIZON,
        maxPoints,
        periods: model === 'seasonal' ? [PERIOD] : undefined,
      };
      const ms = await timeIt(() => forecast(inputs[i++ % 3], options), 5);
      row.push(ms.toFixed(1));
    }
    rows.push(row);
  }
  table(['model', 'ms @ 1k points', 'ms @ 10k points'], rows);
}

async function baseline(inputs: SeriesInput[]): Promise<number> {
  const { MSTL } = await loadMstl();
  const t0 = performance.now();
  for (const input of inputs) {
    const model = MSTL.ets([PERIOD]);
    model.fit(Float64Array.from(input.values as number[]));
    model.predictInSample(0.95);
    model.predict(HORIZON, 0.95);
    model.free();
  }
  return performance.now() - t0;
}

async function runBatch(poolSize: number, requests: AnalysisRequest[]) {
  const pool = createAnalyticsPool({ size: poolSize, createWorker: nodeWorker });
  const results: AnalysisResult[] = [];
  const t0 = performance.now();
  await pool.run(
    requests.map((request) => ({ kind: 'analysis' as const, request })),
    { onResult: (r) => r.kind === 'analysis' && results.push(r.result) }
  );
  const first = performance.now() - t0;
  return { pool, results, ms: first };
}

function requestsFor(inputs: SeriesInput[], shift = 0): AnalysisRequest[] {
  return inputs.map((input, i) => ({
    id: `series-${i}`,
    series: input,
    forecast: { model: 'auto', horizon: HORIZON, maxPoints: MAX_POINTS },
    anomalies: { direction: 'both', minDurationPoints: 3 },
    capacityThreshold: 200 + shift,
  }));
}

/** Each series with one injected incident: 10 points at twice their value, two days before the end. */
function withIncident(series: ReturnType<typeof makeSeries>): ReturnType<typeof makeSeries> {
  const values = [...series.values];
  const at = POINTS - 2 * PERIOD + 100;
  for (let i = at; i < at + 10; i++) {
    values[i] *= 2;
  }
  return { timestamps: series.timestamps, values };
}

interface Score {
  inside: number;
  total: number;
  absErr: number;
  width: number;
}

function scoreRow(name: string, score: Score): string[] {
  return [
    name,
    ((100 * score.inside) / score.total).toFixed(2),
    (score.absErr / score.total).toFixed(4),
    (score.width / score.total).toFixed(2),
  ];
}

/** Coverage, MAE against the true future points and mean band width of the engine's forecast. */
async function scoreEngine(
  histories: Array<ReturnType<typeof makeSeries>>,
  futures: Array<ReturnType<typeof makeSeries>>,
  options: ForecastOptions
): Promise<Score> {
  const score: Score = { inside: 0, total: 0, absErr: 0, width: 0 };
  for (let k = 0; k < histories.length; k++) {
    const result = await forecast(slice(histories[k], 0, POINTS), options);
    if (!result.ok) {
      throw new Error(result.reason);
    }
    for (let h = 0; h < HORIZON; h++) {
      const b = bandAt(result.forecast, futures[k].timestamps[POINTS + h]);
      const v = futures[k].values[POINTS + h];
      score.inside += v >= b.lower && v <= b.upper ? 1 : 0;
      score.absErr += Math.abs(v - b.mean);
      score.width += b.upper - b.lower;
      score.total++;
    }
  }
  return score;
}

async function accuracy(full: Array<ReturnType<typeof makeSeries>>) {
  out(`## Accuracy on ${ACCURACY_SERIES} series × ${HORIZON} future points (95 % band)`);
  const series = full.slice(0, ACCURACY_SERIES);
  const variants: Array<[string, ForecastOptions]> = [
    ['engine, full resolution', { model: 'seasonal', periods: [PERIOD], horizon: HORIZON }],
    [
      `engine, maxPoints ${MAX_POINTS} (fast path)`,
      { model: 'seasonal', periods: [PERIOD], horizon: HORIZON, maxPoints: MAX_POINTS },
    ],
    [`engine auto, maxPoints ${MAX_POINTS}`, { model: 'auto', horizon: HORIZON, maxPoints: MAX_POINTS }],
  ];
  const rows: string[][] = [];
  const { MSTL } = await loadMstl();
  const baselineScore: Score = { inside: 0, total: 0, absErr: 0, width: 0 };
  for (const s of series) {
    const model = MSTL.ets([PERIOD]);
    model.fit(Float64Array.from(s.values.slice(0, POINTS)));
    const f = model.predict(HORIZON, 0.95);
    model.free();
    for (let h = 0; h < HORIZON; h++) {
      const v = s.values[POINTS + h];
      baselineScore.inside += v >= f.intervals!.lower[h] && v <= f.intervals!.upper[h] ? 1 : 0;
      baselineScore.absErr += Math.abs(v - f.point[h]);
      baselineScore.width += f.intervals!.upper[h] - f.intervals!.lower[h];
      baselineScore.total++;
    }
  }
  rows.push(scoreRow('augurs alone, full resolution (baseline)', baselineScore));
  for (const [name, options] of variants) {
    rows.push(scoreRow(name, await scoreEngine(series, series, options)));
  }
  // The same series with a one-off incident in their history, scored against the same clean future:
  // an incident must not be forecast to recur nor widen the band.
  const incidents = series.map(withIncident);
  for (const [name, options] of variants.slice(1)) {
    rows.push(scoreRow(`${name}, one 10-point 2x incident in history`, await scoreEngine(incidents, series, options)));
  }
  table(['fit', 'coverage %', 'MAE', 'mean band width'], rows);
  out('(noise σ = 2, so the best possible MAE is σ·√(2/π) ≈ 1.596 and an exact 95 % band is ≈ 7.84 wide)');
}

async function main() {
  const load = () => loadavg()[0].toFixed(1);
  out(
    `# Analytics benchmark — ${availableParallelism()} cores, Node ${process.version}, load average ${load()} at start`
  );
  await loadMstl();
  await perSeriesCosts();
  out();

  const full = Array.from({ length: SERIES }, (_, i) => makeSeries(100 + i, POINTS));
  const inputs = full.map((s) => slice(s, 0, POINTS));
  out(`## Batch: ${SERIES} series × ${POINTS} points, period ${PERIOD}, horizon ${HORIZON}`);
  const baseMs = await baseline(inputs);
  const poolSize = defaultPoolSize(availableParallelism() + 1);
  clearAnalysisCache();
  const cold = await runBatch(poolSize, requestsFor(inputs));
  const failures = cold.results.filter((r) => !r.ok).length;
  const labels = new Map<string, number>();
  cold.results.forEach(
    (r) => r.ok && labels.set(r.forecast.model.label, (labels.get(r.forecast.model.label) ?? 0) + 1)
  );

  // Refresh 1: one new scrape arrives, the oldest point leaves the window — model memory is reused.
  const shifted = full.map((s) => slice(s, 1, POINTS + 1));
  const t1 = performance.now();
  await cold.pool.run(
    requestsFor(shifted).map((request) => ({ kind: 'analysis' as const, request })),
    { onResult: () => undefined }
  );
  const refreshMs = performance.now() - t1;
  // Refresh 2: the same data again (dashboard re-render) — served from the result cache.
  const t2 = performance.now();
  await cold.pool.run(
    requestsFor(shifted).map((request) => ({ kind: 'analysis' as const, request })),
    { onResult: () => undefined }
  );
  const cachedMs = performance.now() - t2;
  cold.pool.dispose();

  // Same engine work on one thread, to separate parallelism from resolution/memory gains.
  clearAnalysisCache();
  const t3 = performance.now();
  for (const r of requestsFor(inputs)) {
    await runAnalysisInThread(r, { useCache: false });
  }
  const oneThreadMs = performance.now() - t3;

  table(
    ['run', 'total s', 'ms / series', 'speed-up vs baseline'],
    [
      [
        'baseline: augurs MSTL-ETS full resolution, sequential, 1 thread',
        (baseMs / 1000).toFixed(2),
        (baseMs / SERIES).toFixed(1),
        '1.0x',
      ],
      [
        `engine auto, maxPoints ${MAX_POINTS}, 1 thread, no cache`,
        (oneThreadMs / 1000).toFixed(2),
        (oneThreadMs / SERIES).toFixed(1),
        `${(baseMs / oneThreadMs).toFixed(1)}x`,
      ],
      [
        `engine auto, maxPoints ${MAX_POINTS}, pool of ${poolSize} workers, cold (incl. worker start)`,
        (cold.ms / 1000).toFixed(2),
        (cold.ms / SERIES).toFixed(1),
        `${(baseMs / cold.ms).toFixed(1)}x`,
      ],
      [
        'refresh: window shifted by 1 point (model memory reused)',
        (refreshMs / 1000).toFixed(2),
        (refreshMs / SERIES).toFixed(1),
        `${(baseMs / refreshMs).toFixed(1)}x`,
      ],
      [
        'refresh: same data (result cache)',
        (cachedMs / 1000).toFixed(3),
        (cachedMs / SERIES).toFixed(2),
        `${(baseMs / cachedMs).toFixed(0)}x`,
      ],
    ]
  );
  out(
    `cold batch: ${failures} failed; models chosen: ${Array.from(labels, ([l, c]) => `${c}× ${l}`).join('; ')}; load average now ${load()}`
  );
  out();
  await accuracy(full);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
