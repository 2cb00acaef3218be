// Properties of the demo workload's model that the history and the live server both rely on:
// closed-form integrals agree with numeric integration, counters never decrease, histogram buckets
// are cumulative, the same seed gives the same values, and the injected behaviour is there.
import fc from 'fast-check';

import { type CosineSeries, add, constant, integral, multiply, windowedIntegral } from '../../../demo/cosineSeries';
import { buildFamilies, renderText, takeSnapshot, withTargetLabels } from '../../../demo/exposition';
import { DAY, DEMO_EPOCH_SECONDS, HOUR, MINUTE } from '../../../demo/load';
import { type CallSeries, type HistogramValue, BUCKETS_SECONDS, createModel } from '../../../demo/model';
import { CALL_EDGES } from '../../../demo/topology';

const model = createModel(42);
const T0 = DEMO_EPOCH_SECONDS + 600 * DAY;

function numericIntegral(f: (t: number) => number, from: number, to: number, steps = 20000): number {
  const h = (to - from) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    sum += f(from + (i + 0.5) * h) * h;
  }
  return sum;
}

const evalSeries = (s: CosineSeries) => (t: number) =>
  s.reduce((v, term) => v + term.amp * (term.omega === 0 ? 1 : Math.cos(term.omega * t + term.phase)), 0);

test('closed-form integral of a product of cosine series matches numeric integration', () => {
  const term = fc.record({
    amp: fc.double({ min: -2, max: 2, noNaN: true }),
    omega: fc.double({ min: 1e-5, max: 1e-3, noNaN: true }),
    phase: fc.double({ min: -3, max: 3, noNaN: true }),
  });
  fc.assert(
    fc.property(
      fc.array(term, { minLength: 1, maxLength: 3 }),
      fc.array(term, { minLength: 1, maxLength: 3 }),
      fc.double({ min: 0, max: 1e5, noNaN: true }),
      (a, b, from) => {
        const product = multiply(add(constant(1), a), b);
        const exact = integral(product, from, from + 20000);
        const numeric = numericIntegral(
          (t) => evalSeries(add(constant(1), a))(t) * evalSeries(b)(t),
          from,
          from + 20000
        );
        return Math.abs(exact - numeric) <= 1e-3 * Math.max(1, Math.abs(numeric));
      }
    ),
    { numRuns: 60 }
  );
});

test('integral over recurring windows matches numeric integration of the windowed series', () => {
  const load = add(constant(1), [{ amp: 0.4, omega: (2 * Math.PI) / DAY, phase: 0.3 }]);
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 * DAY }),
      fc.integer({ min: 5 * MINUTE, max: HOUR }),
      fc.integer({ min: HOUR, max: 4 * DAY }),
      (offset, duration, t) => {
        const window = { offset, period: 2 * DAY, duration };
        let numeric = 0;
        for (let start = offset; start < t; start += window.period) {
          numeric += numericIntegral(evalSeries(load), start, Math.min(t, start + duration), 2000);
        }
        return Math.abs(windowedIntegral(load, window, t) - numeric) <= 1e-6 * Math.max(1, numeric);
      }
    ),
    { numRuns: 40 }
  );
});

/**
 * Requests per bucket (the last one +Inf) that arrived between two snapshots: a request lands in one
 * bucket, so none may be negative; a negative one makes a window's increase larger in a lower `le`
 * than in a higher one, which histogram_quantile must repair and a canary's p99 reads a bucket off.
 */
function arrivalsPerBucket(before: HistogramValue, after: HistogramValue): number[] {
  const own = (h: HistogramValue) => [...h.buckets, h.count].map((b, j, all) => b - (j > 0 ? all[j - 1] : 0));
  const a = own(after);
  return own(before).map((b, j) => a[j] - b);
}

test('every counter is monotonic and every histogram cumulative: each minute of a day, each second of half an hour', () => {
  let previous = takeSnapshot(model, T0);
  let checked = 0;
  const violations: string[] = [];
  // Per minute the warp knots change; per second the interpolation between them is exercised.
  const times = [
    ...Array.from({ length: 1440 }, (_, i) => T0 + 60 * (i + 1)),
    ...Array.from({ length: 1800 }, (_, i) => T0 + DAY + i + 1),
  ];
  for (const t of times) {
    const snap = takeSnapshot(model, t);
    snap.histograms.forEach((h, i) => {
      const before = previous.histograms[i];
      if (h.count < before.count || h.sum < before.sum) {
        violations.push(`series ${i} decreased at ${t}`);
      }
      h.buckets.forEach((b, j) => {
        if (b < before.buckets[j] || b > (h.buckets[j + 1] ?? h.count)) {
          violations.push(`series ${i} bucket ${j} not cumulative at ${t}`);
        }
      });
      if (arrivalsPerBucket(before, h).some((n) => n < 0)) {
        violations.push(`series ${i}: a bucket lost requests at ${t}`);
      }
      checked += 1;
    });
    snap.calls.forEach((h, i) => {
      const before = previous.calls[i];
      if (h.count < before.count || h.sum < before.sum) {
        violations.push(`call series ${i} decreased at ${t}`);
      }
      h.buckets.forEach((b, j) => {
        if (b < before.buckets[j] || b > (h.buckets[j + 1] ?? h.count)) {
          violations.push(`call series ${i} bucket ${j} not cumulative at ${t}`);
        }
      });
      if (arrivalsPerBucket(before, h).some((n) => n < 0)) {
        violations.push(`call series ${i}: a bucket lost requests at ${t}`);
      }
    });
    snap.pods.forEach(
      (p, i) =>
        p.cpuSecondsTotal < previous.pods[i].cpuSecondsTotal && violations.push(`pod ${i} cpu decreased at ${t}`)
    );
    previous = snap;
  }
  console.log(`demo model: ${checked} histogram steps checked (${BUCKETS_SECONDS.length} buckets each)`);
  expect(violations.slice(0, 5)).toEqual([]);
});

test('the same seed renders the same exposition; another seed differs', () => {
  const t = T0 + 12345;
  const render = (seed: number) => {
    const m = createModel(seed);
    return renderText(buildFamilies(m), takeSnapshot(m, t));
  };
  expect(render(42)).toBe(render(42));
  expect(render(7)).not.toBe(render(42));
});

/** p95 from bucket increases over [t − 5m, t], interpolated like histogram_quantile. */
function p95(filter: (s: (typeof model.series)[number]) => boolean, t: number): number {
  return p95Of(model.series.filter(filter), (s, at) => model.histogramAt(s, at), t);
}

/** The p95 of a caller's calls to `callee` over [t − 5m, t]. */
function callsP95(caller: string, callee: string, t: number): number {
  const calls = model.calls.filter((c) => c.caller.name === caller && c.callee.name === callee);
  return p95Of(calls, (c: CallSeries, at) => model.callHistogramAt(c, at), t);
}

function p95Of<S>(series: S[], histogramAt: (s: S, t: number) => HistogramValue, t: number): number {
  const buckets = new Array(BUCKETS_SECONDS.length).fill(0);
  let total = 0;
  for (const s of series) {
    const a = histogramAt(s, t - 300);
    const z = histogramAt(s, t);
    z.buckets.forEach((b, i) => (buckets[i] += b - a.buckets[i]));
    total += z.count - a.count;
  }
  const rank = 0.95 * total;
  const i = buckets.findIndex((b) => b >= rank);
  const lower = i > 0 ? BUCKETS_SECONDS[i - 1] : 0;
  const below = i > 0 ? buckets[i - 1] : 0;
  return lower + ((BUCKETS_SECONDS[i] - lower) * (rank - below)) / (buckets[i] - below);
}

function errorRatio(filter: (s: (typeof model.series)[number]) => boolean, from: number, to: number): number {
  let errors = 0;
  let total = 0;
  for (const s of model.series.filter(filter)) {
    const n = model.histogramAt(s, to).count - model.histogramAt(s, from).count;
    total += n;
    errors += s.code.startsWith('5') ? n : 0;
  }
  return errors / total;
}

test("checkout's canary is clearly slower and less reliable than its baseline", () => {
  const canary = (s: (typeof model.series)[number]) => s.service.name === 'checkout' && s.instance.track === 'canary';
  const baseline = (s: (typeof model.series)[number]) => s.service.name === 'checkout' && s.instance.track === 'stable';
  const t = T0 + 14 * HOUR;
  expect(p95(canary, t)).toBeGreaterThan(1.5 * p95(baseline, t));
  expect(errorRatio(canary, t - HOUR, t)).toBeGreaterThan(2 * errorRatio(baseline, t - HOUR, t));
  console.log(
    `demo model: checkout p95 canary ${p95(canary, t).toFixed(3)} s vs baseline ${p95(baseline, t).toFixed(3)} s`
  );
});

test('the incidents show: payments p95 spikes, auth errors burst, and both end', () => {
  const { latencySpike, errorBurst } = model.incidents;
  const k = Math.ceil((T0 - DEMO_EPOCH_SECONDS) / latencySpike.window.period);
  const spike = DEMO_EPOCH_SECONDS + latencySpike.window.offset + k * latencySpike.window.period;
  const payments = (s: (typeof model.series)[number]) => s.service.name === 'payments';
  expect(p95(payments, spike + 20 * MINUTE)).toBeGreaterThan(2 * p95(payments, spike - HOUR));
  expect(p95(payments, spike + 2 * HOUR)).toBeLessThan(1.2 * p95(payments, spike - HOUR));

  const b = Math.ceil((T0 - DEMO_EPOCH_SECONDS) / errorBurst.window.period);
  const burst = DEMO_EPOCH_SECONDS + errorBurst.window.offset + b * errorBurst.window.period;
  const auth = (s: (typeof model.series)[number]) => s.service.name === 'auth';
  expect(errorRatio(auth, burst, burst + 10 * MINUTE)).toBeGreaterThan(0.1);
  expect(errorRatio(auth, burst - HOUR, burst - 10 * MINUTE)).toBeLessThan(0.01);
});

test("calls carry the callee's latency: checkout's calls to payments slow with payments' spike, and so does checkout", () => {
  const { latencySpike } = model.incidents;
  const k = Math.ceil((T0 - DEMO_EPOCH_SECONDS) / latencySpike.window.period);
  const spike = DEMO_EPOCH_SECONDS + latencySpike.window.offset + k * latencySpike.window.period;
  const during = spike + 20 * MINUTE;
  const before = spike - HOUR;
  const service = (name: string) => (s: (typeof model.series)[number]) => s.service.name === name;
  // The client's view is the callee's own latency.
  expect(callsP95('checkout', 'payments', during) / p95(service('payments'), during)).toBeCloseTo(1, 1);
  expect(callsP95('checkout', 'payments', during)).toBeGreaterThan(2 * callsP95('checkout', 'payments', before));
  // checkout waits on payments: its p95 rises with it, clearly (the finder and the anomaly list see it).
  expect(p95(service('checkout'), during)).toBeGreaterThan(1.4 * p95(service('checkout'), before));
  // auth has no latency incident: calls to it are as fast as ever, and the services that call nothing
  // are not touched by payments' spike at all.
  expect(callsP95('checkout', 'auth', during)).toBeLessThan(1.2 * callsP95('checkout', 'auth', before));
  for (const quiet of ['auth', 'search', 'catalog']) {
    expect(p95(service(quiet), during)).toBeLessThan(1.2 * p95(service(quiet), before));
  }
});

test('every call edge is a caller instance × callee series, and no callee is called more than it serves', () => {
  const edges = new Set(model.calls.map((c) => `${c.caller.name}→${c.callee.name}`));
  expect([...edges]).toEqual(CALL_EDGES.map((e) => `${e.caller}→${e.callee}`));
  for (const edge of CALL_EDGES) {
    const calls = model.calls.filter((c) => c.edge === edge);
    const caller = model.services.find((s) => s.name === edge.caller)!;
    expect(calls.map((c) => c.instance.name)).toEqual(caller.instances.map((i) => i.name));
    const share = calls.reduce((sum, c) => sum + c.share, 0);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThanOrEqual(1);
    // The calls counted over an hour are the callee's requests times that share, within rounding.
    const t = T0 + 14 * HOUR;
    const served = model.series
      .filter((s) => s.service.name === edge.callee)
      .reduce((n, s) => n + model.histogramAt(s, t).count - model.histogramAt(s, t - HOUR).count, 0);
    const called = calls.reduce(
      (n, c) => n + model.callHistogramAt(c, t).count - model.callHistogramAt(c, t - HOUR).count,
      0
    );
    expect(Math.abs(called - share * served)).toBeLessThanOrEqual(calls.length * 2);
  }
});

test('traffic follows the day: afternoon peak well above the night, weekdays above weekends', () => {
  const requests = (t: number) =>
    model.series.reduce((n, s) => n + model.histogramAt(s, t).count - model.histogramAt(s, t - HOUR).count, 0);
  const monday = DEMO_EPOCH_SECONDS + 100 * 7 * DAY;
  expect(requests(monday + 15 * HOUR)).toBeGreaterThan(1.8 * requests(monday + 3 * HOUR));
  expect(requests(monday + 2 * DAY + 15 * HOUR)).toBeGreaterThan(1.1 * requests(monday + 5 * DAY + 15 * HOUR));
});

test('volumes grow between weekly compactions and memory grows between restarts', () => {
  const search = model.services.find((s) => s.name === 'search')!;
  const used = (t: number) => model.volumeAt(search, t).usedBytes;
  let growing = 0;
  for (let t = T0; t < T0 + 7 * DAY; t += 6 * HOUR) {
    growing += used(t + 6 * HOUR) > used(t) ? 1 : 0;
  }
  // 28 six-hour steps in a week, one of which crosses the compaction.
  expect(growing).toBeGreaterThanOrEqual(26);
  const pod = model.pods[0];
  const memory = (t: number) => model.podAt(pod.service, pod.instance, t).memoryWorkingSetBytes;
  const dailyMeans = [0, 1, 2].map(
    (d) => numericIntegral((t) => memory(t), T0 + d * DAY, T0 + (d + 1) * DAY, 240) / DAY
  );
  expect(dailyMeans.some((m, i) => i > 0 && m > dailyMeans[i - 1])).toBe(true);
});

test('history lines carry what the live scrape adds: job always, instance only where the demo sets none', () => {
  const families = withTargetLabels(buildFamilies(model), { job: 'demo', instance: 'demo:9464' });
  const keys = families.flatMap((f) => f.lines.map((l) => l.key));
  const instancesOf = (key: string) => [...key.matchAll(/(?:\{|,)instance="([^"]*)"/g)].map((m) => m[1]);
  expect(keys.every((k) => /(?:\{|,)job="demo"/.test(k))).toBe(true);
  // Exactly one instance label per line: the demo's own on request series, the target's elsewhere.
  expect(keys.filter((k) => instancesOf(k).length !== 1)).toEqual([]);
  const volume = keys.find((k) => k.startsWith('kubelet_volume_stats_used_bytes{'))!;
  expect(instancesOf(volume)).toEqual(['demo:9464']);
  const request = keys.find((k) => k.startsWith('http_server_request_duration_seconds_count{'))!;
  expect(instancesOf(request)).toEqual(['checkout-0']);
});
