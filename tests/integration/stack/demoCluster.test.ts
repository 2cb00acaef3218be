// The demo's cluster (demo/cluster.ts): node-exporter, kube-state-metrics and cAdvisor throttling
// series that behave like the real ones (counters never decrease, CPU modes add up to wall time),
// and bottlenecks that show where they are injected and nowhere else.
import { type Bottlenecks, defaultBottlenecks } from '../../../demo/cluster';
import { buildFamilies, renderText, takeSnapshot } from '../../../demo/exposition';
import { DAY, DEMO_EPOCH_SECONDS, MINUTE } from '../../../demo/load';
import { createModel } from '../../../demo/model';

const T0 = DEMO_EPOCH_SECONDS + 600 * DAY;
const model = createModel(42);
const batch = defaultBottlenecks(42).diskBatch!;
/** The end of the batch job's longest burst on day 600 (rates over the burst), and a time outside the job. */
const longest = [...batch.bursts].sort((a, b) => b.duration - a.duration)[0];
const inBatch = T0 + longest.offset + longest.duration;
const outsideBatch = T0 + batch.window.offset + batch.window.duration + 6 * 3600;

/** 4 minutes: the shortest burst, so a rate ending at a burst's end sees only the burst. */
function rate(counter: (t: number) => number, t: number, window = 4 * MINUTE): number {
  return (counter(t) - counter(t - window)) / window;
}

const nodeIndex = (name: string) => model.cluster.nodes.findIndex((n) => n.name === name);

test('every node, throttling and restart counter is monotonic over a day at the history step', () => {
  const violations: string[] = [];
  // Only the cluster's part of a snapshot: the request histograms have their own test (demoModel).
  const snapshot = (t: number) => ({
    nodes: model.cluster.nodes.map((n) => model.cluster.nodeAt(n, t)),
    pods: model.pods.map((p) => model.podAt(p.service, p.instance, t)),
  });
  let previous = snapshot(T0);
  for (let t = T0 + 60; t <= T0 + DAY; t += 60) {
    const snap = snapshot(t);
    snap.nodes.forEach((n, i) => {
      const before = previous.nodes[i];
      for (const key of Object.keys(n) as Array<keyof typeof n>) {
        if (key === 'cpuSeconds') {
          for (const [mode, value] of Object.entries(n.cpuSeconds)) {
            if (value < before.cpuSeconds[mode as keyof typeof n.cpuSeconds]) {
              violations.push(`node ${i} cpu ${mode} decreased at ${t}`);
            }
          }
        } else if (
          /Seconds|Completed|Bytes$|Errors/.test(key) &&
          !/Avail|Available/.test(key) &&
          n[key] < before[key]
        ) {
          violations.push(`node ${i} ${key} decreased at ${t}`);
        }
      }
    });
    snap.pods.forEach((p, i) => {
      const before = previous.pods[i];
      if (
        p.cfsPeriods < before.cfsPeriods ||
        p.cfsThrottledPeriods < before.cfsThrottledPeriods ||
        p.restarts < before.restarts
      ) {
        violations.push(`pod ${i} counter decreased at ${t}`);
      }
      if (p.cfsThrottledPeriods > p.cfsPeriods) {
        violations.push(`pod ${i} throttled more periods than it ran at ${t}`);
      }
    });
    previous = snap;
  }
  expect(violations.slice(0, 5)).toEqual([]);
});

test('per core the CPU modes add up to the elapsed time, and no mode is negative', () => {
  const text = renderText(buildFamilies(model), takeSnapshot(model, T0));
  const perCore = new Map<string, number>();
  for (const match of text.matchAll(
    /^node_cpu_seconds_total\{instance="([^"]+)",cpu="(\d+)",mode="(\w+)"\} (\S+)$/gm
  )) {
    const value = Number(match[4]);
    expect(value).toBeGreaterThanOrEqual(0);
    perCore.set(`${match[1]}/${match[2]}`, (perCore.get(`${match[1]}/${match[2]}`) ?? 0) + value);
  }
  expect(perCore.size).toBe(12);
  for (const total of perCore.values()) {
    expect(total).toBeCloseTo(T0 - DEMO_EPOCH_SECONDS, -1);
  }
});

test("the batch job saturates its node's disk and raises I/O wait there, and only there", () => {
  const cluster = model.cluster;
  const at = (name: string, t: number) => cluster.nodeAt(cluster.nodes[nodeIndex(name)], t);
  const util = (name: string, t: number) => rate((s) => at(name, s).diskIoTimeSeconds, t);
  const iowait = (name: string, t: number) =>
    rate((s) => at(name, s).cpuSeconds.iowait, t) / cluster.nodes[nodeIndex(name)].cores;
  const readLatency = (name: string, t: number) =>
    rate((s) => at(name, s).diskReadTimeSeconds, t) / rate((s) => at(name, s).diskReadsCompleted, t);
  expect(util(batch.node, inBatch)).toBeGreaterThan(0.9);
  expect(util(batch.node, outsideBatch)).toBeLessThan(0.1);
  expect(iowait(batch.node, inBatch)).toBeGreaterThan(0.2);
  expect(readLatency(batch.node, inBatch)).toBeGreaterThan(10 * readLatency(batch.node, outsideBatch));
  for (const other of cluster.nodes.filter((n) => n.name !== batch.node)) {
    expect(util(other.name, inBatch)).toBeLessThan(0.1);
    expect(iowait(other.name, inBatch)).toBeLessThan(0.02);
  }
  expect(cluster.batchPhaseAt(inBatch)).toBe('Running');
  expect(cluster.batchPhaseAt(T0 + batch.window.offset - MINUTE)).toBe('Pending');
  expect(cluster.batchPhaseAt(outsideBatch)).toBe('Succeeded');
});

test('the default bottleneck slows the pods on its node during a burst; without a latency share the requests are as they were', () => {
  const withEffect: Bottlenecks = { diskBatch: { ...batch, latencySlowShare: 0.4 } };
  const none = createModel(42, 'bad', {});
  const slowed = createModel(42, 'bad', withEffect);
  const meanLatency = (m: typeof model, i: number, t: number) => {
    const a = m.histogramAt(m.series[i], t - 5 * MINUTE);
    const b = m.histogramAt(m.series[i], t);
    return (b.sum - a.sum) / (b.count - a.count);
  };
  const onNode = (i: number) => model.cluster.placement.get(model.series[i].instance.name) === batch.node;
  const busiest = (pick: (i: number) => boolean) =>
    model.series
      .map((_, i) => i)
      .filter((i) => pick(i) && model.series[i].code === '200')
      .sort((a, b) => model.series[b].rate - model.series[a].rate)[0];
  const affected = busiest(onNode);
  const unaffected = busiest((i) => !onNode(i));
  // The same latency, to a request: counts are whole requests per bucket, and two models whose past
  // split requests differently between the fast and slow paths round them in different buckets, so
  // their counts over 5 minutes can differ by a request or two (0.03 % seen), never by a slowdown.
  const sameLatency = (a: number, b: number) => expect(Math.abs(a / b - 1)).toBeLessThan(1e-3);
  expect(meanLatency(model, affected, inBatch)).toBeGreaterThan(1.3 * meanLatency(none, affected, inBatch));
  const noEffect = createModel(42, 'bad', { diskBatch: { ...batch, latencySlowShare: 0 } });
  sameLatency(meanLatency(noEffect, affected, inBatch), meanLatency(none, affected, inBatch));
  expect(meanLatency(slowed, affected, inBatch)).toBeGreaterThan(1.5 * meanLatency(none, affected, inBatch));
  sameLatency(meanLatency(slowed, affected, outsideBatch), meanLatency(none, affected, outsideBatch));
  sameLatency(meanLatency(slowed, unaffected, inBatch), meanLatency(none, unaffected, inBatch));
});

test('a CPU limit that is too low throttles that pod at the daily peak, not the others', () => {
  const pod = 'checkout-1';
  const m = createModel(42, 'bad', {
    cpuLimit: { pod, limitCores: 0.05, peakThrottledShare: 0.5, latencySlowShare: 0.3 },
  });
  const share = (name: string, t: number) => {
    const i = m.pods.findIndex((p) => p.instance.name === name);
    const at = (s: number) => m.podAt(m.pods[i].service, m.pods[i].instance, s);
    return rate((s) => at(s).cfsThrottledPeriods, t, 15 * MINUTE) / rate((s) => at(s).cfsPeriods, t, 15 * MINUTE);
  };
  const peak = T0 + 14 * 3600;
  const night = T0 + 2 * 3600;
  expect(share(pod, peak)).toBeGreaterThan(0.3);
  expect(share(pod, night)).toBeLessThan(0.05);
  expect(share('checkout-0', peak)).toBeLessThan(0.03);
  const i = m.pods.findIndex((p) => p.instance.name === pod);
  expect(m.podAt(m.pods[i].service, m.pods[i].instance, peak).cpuQuotaMicros).toBe(5000);
});

test('bottlenecks that name a node or pod the demo does not have are refused with the names it has', () => {
  expect(() => createModel(42, 'bad', { diskBatch: { ...batch, node: 'worker-9' } })).toThrow(
    /"worker-9" is not one of worker-1, worker-2, worker-3/
  );
  expect(() =>
    createModel(42, 'bad', {
      cpuLimit: { pod: 'nope', limitCores: 0.05, peakThrottledShare: 0.5, latencySlowShare: 0 },
    })
  ).toThrow(/"nope" is not one of the demo's pods/);
  expect(() =>
    createModel(42, 'bad', {
      cpuLimit: { pod: 'auth-0', limitCores: 0.05, peakThrottledShare: 1.5, latencySlowShare: 0 },
    })
  ).toThrow(/peakThrottledShare must be between 0 and 0.99/);
});

test('kube-state-metrics: every pod is placed on a node, readiness flips after a restart, deployments count unavailable pods', () => {
  const i = 0;
  const pod = model.pods[i];
  // Find a restart in the first week: the restart counter steps up and the pod is not ready for a while.
  let t = T0;
  const restartsAt = (s: number) => model.podAt(pod.service, pod.instance, s).restarts;
  for (const step of [3600, 60]) {
    while (restartsAt(t + step) === restartsAt(t)) {
      t += step;
      expect(t).toBeLessThan(T0 + 7 * DAY);
    }
  }
  const after = t + 60;
  expect(model.podAt(pod.service, pod.instance, after).ready).toBe(false);
  expect(model.podAt(pod.service, pod.instance, after + 120).ready).toBe(true);
  const text = renderText(buildFamilies(model), takeSnapshot(model, after));
  expect(text).toContain(`kube_pod_status_ready{namespace="demo",pod="${pod.instance.name}",condition="false"} 1`);
  expect(text).toMatch(
    new RegExp(`kube_deployment_status_replicas_unavailable\\{namespace="demo",deployment="${pod.service.name}"\\} 1`)
  );
  for (const p of model.pods) {
    expect(text).toMatch(new RegExp(`kube_pod_info\\{namespace="demo",pod="${p.instance.name}",node="worker-\\d"`));
  }
});
