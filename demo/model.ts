/**
 * The demo's single source of truth: given a seed and a Unix time t, the value of every metric.
 * Live `/metrics` and the OpenMetrics history both call this, so the history joins the live data
 * without a seam. Counters are closed-form integrals (see cosineSeries.ts), so any t costs the same.
 */
import { type Bottlenecks, type ClusterModel, NOT_READY_AFTER_RESTART_SECONDS, createCluster, defaultBottlenecks } from './cluster';
import { type CosineSeries, type RecurringWindow, add, constant, evaluate, inWindow, multiply, scale, windowedIntegral } from './cosineSeries';
import { type Incidents, DAY, DEMO_EPOCH_SECONDS, HOUR, WEEK, dippedIntegral, holidayDip, incidents, loadShape, warp } from './load';
import { between, hashString, seededDraws, unit } from './random';
import { type CallEdge, type Endpoint, type Instance, type Service, CALL_EDGES, buildTopology, callShare, trafficShare } from './topology';

/** Histogram bucket bounds in seconds (the Istio family reports the same bounds in ms). */
export const BUCKETS_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const FAST_SIGMA = 0.45;
const SLOW_SIGMA = 0.6;
/** How much the slow share grows per unit of extra load: latency follows traffic. */
const SLOW_LOAD_SENSITIVITY = 0.05;
const RATE_JITTER_SECONDS = 4;

/** One request stream split by response status: one histogram (and one counter) per convention. */
export interface StatusSeries {
  service: Service;
  instance: Instance;
  endpoint: Endpoint;
  code: string;
  /** Requests per second at average load. */
  rate: number;
  fastMedian: number;
  slowMedian: number;
  /** load(τ) × share of slow requests(τ): integrates to the number of slow requests per unit rate. */
  loadTimesSlow: CosineSeries;
  /** Extra slow share inside recurring windows: the latency spike, a bottleneck on the pod's node. */
  slowWindows: Array<{ window: RecurringWindow; share: number }>;
  /** This series exists only as the error burst's 503s. */
  burstOnly: boolean;
  /** The error burst takes this share of the average rate away from the series (the 2xx one). */
  burstLoss: number;
  warpKey: number;
}

/**
 * One caller instance's calls to one callee, as the caller's client measures them: a share of the
 * callee's own requests, so their latency is the callee's (its incidents and slow pods included).
 */
export interface CallSeries {
  edge: CallEdge;
  caller: Service;
  instance: Instance;
  callee: Service;
  /** Share of the callee's requests these calls are (topology.ts callShare). */
  share: number;
  /** Indices into the model's `series` of the callee's request series. */
  calleeSeries: number[];
}

/** Extra slow share a service's requests see inside recurring windows (and as a daily pulse). */
interface Slowdown {
  pulse: CosineSeries[];
  windows: Array<{ window: RecurringWindow; share: number }>;
}

export interface HistogramValue {
  count: number;
  sum: number;
  /** Cumulative counts per BUCKETS_SECONDS bound (the +Inf bucket is `count`). */
  buckets: number[];
}

export interface PodValue {
  cpuSecondsTotal: number;
  /** CFS quota per period (µs) and the period: the CPU limit is quota / period cores. */
  cpuQuotaMicros: number;
  cpuPeriodMicros: number;
  /** cgroup CPU shares: the CPU request × 1024. */
  cpuShares: number;
  memoryWorkingSetBytes: number;
  memoryLimitBytes: number;
  /** Container restarts since the demo epoch (each one resets the memory leak). */
  restarts: number;
  /** kube-state-metrics readiness: false for a short while after each restart. */
  ready: boolean;
  /** CFS accounting (cAdvisor): periods the container ran in and those it was throttled in. */
  cfsPeriods: number;
  cfsThrottledPeriods: number;
  cfsThrottledSeconds: number;
}

export interface VolumeValue {
  usedBytes: number;
  capacityBytes: number;
}

export interface DemoModel {
  seed: number;
  services: Service[];
  incidents: Incidents;
  series: StatusSeries[];
  pods: Array<{ service: Service; instance: Instance }>;
  /** Client-side calls, one per caller instance and call edge (topology.ts CALL_EDGES). */
  calls: CallSeries[];
  /** Nodes, pod placement, bottlenecks (cluster.ts). */
  cluster: ClusterModel;
  histogramAt(series: StatusSeries, t: number): HistogramValue;
  callHistogramAt(call: CallSeries, t: number): HistogramValue;
  podAt(service: Service, instance: Instance, t: number): PodValue;
  volumeAt(service: Service, t: number): VolumeValue;
}

/**
 * The canary build: 'bad' (the default) is slower, less reliable and leakier than stable, so the
 * canary analysis has something to catch; 'good' behaves exactly like stable, for the promote path.
 */
export type CanaryBuild = 'bad' | 'good';
export const CANARY_BUILDS: readonly CanaryBuild[] = ['bad', 'good'];

/**
 * `bottlenecks` defaults to cluster.ts's `defaultBottlenecks(seed)`; pass `{}` for a cluster with
 * none, or your own to inject a cause (and, through its `latencySlowShare`, its effect on latency).
 */
export function createModel(seed: number, canaryBuild: CanaryBuild = 'bad', bottlenecks: Bottlenecks = defaultBottlenecks(seed)): DemoModel {
  const services = buildTopology(seed);
  const load = loadShape(seed);
  const events = incidents(seed);
  const cluster = createCluster(seed, services, load, bottlenecks);
  const waits = (caller: Service, route: string) => calleeSlowdown(services, events, cluster, caller, route);
  const series = services.flatMap((service) => statusSeriesOf(seed, service, events, load, canaryBuild, cluster, waits));
  const pods = services.flatMap((service) => service.instances.map((instance) => ({ service, instance })));
  const calls = callSeriesOf(services, series);
  const histogram = (s: StatusSeries, t: number) => histogramAt(s, load, events, t);
  return {
    seed,
    services,
    incidents: events,
    series,
    pods,
    calls,
    cluster,
    histogramAt: histogram,
    callHistogramAt: (call, t) => callHistogram(call, (i) => histogram(series[i], t)),
    podAt: (service, instance, t) => podAt(seed, load, service, instance, t, canaryBuild, cluster),
    volumeAt: (service, t) => volumeAt(seed, service, t),
  };
}

/**
 * What a service's own latency model slows down beyond its usual self: the latency spike and the
 * slowdowns of its pods (a bottleneck's windows and pulse), each weighted by the pod's traffic share.
 */
function ownSlowdown(service: Service, events: Incidents, cluster: ClusterModel): Slowdown {
  const out: Slowdown = { pulse: [], windows: [] };
  for (const instance of service.instances) {
    const weight = trafficShare(service, instance);
    const slowdown = cluster.slowdownOf(instance);
    if (slowdown.pulse) {
      out.pulse.push(scale(slowdown.pulse, weight));
    }
    out.windows.push(...slowdown.windows.map(({ window, share }) => ({ window, share: share * weight })));
  }
  if (events.latencySpike.service === service.name) {
    out.windows.push({ window: events.latencySpike.window, share: events.latencySpike.slowShare });
  }
  return out;
}

/**
 * What a caller's requests on `route` wait for: the slowdowns of every service the route calls. A
 * request whose call took the callee's slow path takes the caller's slow path too (one call per
 * request, and the callee's slow median is several of the caller's fast ones), so the caller's slow
 * share rises by the callee's. Latency only: a callee's errors are its own (the demo's error burst
 * stays on auth), as a caller that retries or degrades would keep it.
 */
function calleeSlowdown(services: Service[], events: Incidents, cluster: ClusterModel, caller: Service, route: string): Slowdown {
  const out: Slowdown = { pulse: [], windows: [] };
  for (const edge of CALL_EDGES.filter((e) => e.caller === caller.name && e.routes.includes(route))) {
    const callee = services.find((s) => s.name === edge.callee);
    if (!callee) {
      throw new Error(`call edge ${edge.caller} → ${edge.callee}: the demo has no service ${edge.callee}`);
    }
    const slowdown = ownSlowdown(callee, events, cluster);
    out.pulse.push(...slowdown.pulse);
    out.windows.push(...slowdown.windows);
  }
  return out;
}

function callSeriesOf(services: Service[], series: StatusSeries[]): CallSeries[] {
  const out: CallSeries[] = [];
  for (const edge of CALL_EDGES) {
    const caller = services.find((s) => s.name === edge.caller)!;
    const callee = services.find((s) => s.name === edge.callee)!;
    const calleeSeries = series.flatMap((s, i) => (s.service === callee ? [i] : []));
    const calls = caller.instances.map((instance) => ({ edge, caller, instance, callee, share: callShare(caller, instance, callee, edge), calleeSeries }));
    const total = calls.reduce((sum, c) => sum + c.share, 0);
    if (total > 1) {
      throw new Error(`${edge.caller} would call ${edge.callee} ${total.toFixed(2)}× as often as ${edge.callee} serves`);
    }
    out.push(...calls);
  }
  return out;
}

/**
 * A call series' histogram from its callee's (by index: the snapshot's, or computed at t): the
 * callee's counts times the call's share, rounded like every count. Rounding a non-decreasing value
 * keeps it non-decreasing, and keeps every bucket within the count.
 */
export function callHistogram(call: CallSeries, calleeHistogram: (index: number) => HistogramValue): HistogramValue {
  let count = 0;
  let sum = 0;
  const buckets = BUCKETS_SECONDS.map(() => 0);
  for (const i of call.calleeSeries) {
    const h = calleeHistogram(i);
    count += h.count;
    sum += h.sum;
    h.buckets.forEach((b, k) => (buckets[k] += b));
  }
  return {
    ...integerHistogram(
      buckets.map((b) => b * call.share),
      count * call.share
    ),
    sum: round3(sum * call.share),
  };
}

/**
 * Integer counts as a real histogram holds them: each request lands in one bucket, so each bucket's
 * own expected count is rounded (never a cumulative one), the `le` counts are their running sums and
 * `count` the total. Rounding the cumulative counts one by one let a window's increase come out larger
 * in a lower bucket than in a higher one (a negative count between them), and the low-traffic canary's
 * p99 read a bucket higher than the same build's baseline now and then.
 */
export function integerHistogram(cumulative: readonly number[], total: number): { count: number; buckets: number[] } {
  const buckets: number[] = [];
  let expected = 0;
  let counted = 0;
  for (const c of cumulative) {
    counted += Math.round(Math.max(0, c - expected));
    expected = Math.max(expected, c);
    buckets.push(counted);
  }
  return { count: counted + Math.round(Math.max(0, total - expected)), buckets };
}

function statusSeriesOf(
  seed: number,
  service: Service,
  events: Incidents,
  load: CosineSeries,
  canaryBuild: CanaryBuild,
  cluster: ClusterModel,
  waits: (caller: Service, route: string) => Slowdown
): StatusSeries[] {
  const out: StatusSeries[] = [];
  for (const instance of service.instances) {
    const canary = instance.track === 'canary' && canaryBuild === 'bad';
    // The canary build is slower and a little less reliable: the app's canary analysis must see it.
    const fastMedian = service.latency.fastMedian * (canary ? 1.8 : 1);
    const slowMedian = service.latency.slowMedian * (canary ? 1.4 : 1);
    const baseSlow = service.latency.slowShare + (canary ? 0.08 : 0);
    const slowdown = cluster.slowdownOf(instance);
    const slowShare = add(constant(baseSlow), scale(add(load, constant(-1)), SLOW_LOAD_SENSITIVITY), slowdown.pulse ?? []);
    const errorRatio = service.baseErrorRatio * (canary ? 4 : 1);
    const slowWindows = [...slowdown.windows];
    if (events.latencySpike.service === service.name) {
      slowWindows.push({ window: events.latencySpike.window, share: events.latencySpike.slowShare });
    }
    const burst = events.errorBurst.service === service.name ? events.errorBurst.ratio : 0;
    for (const endpoint of service.endpoints) {
      const calls = waits(service, endpoint.route);
      const rate = service.rate * trafficShare(service, instance) * endpoint.share;
      const clientRatio = endpoint.clientError?.ratio ?? 0;
      const codes: Array<[string, number]> = [
        ['200', 1 - errorRatio - clientRatio],
        ['500', errorRatio],
      ];
      if (endpoint.clientError) {
        codes.push([endpoint.clientError.code, clientRatio]);
      }
      const loadTimesSlow = multiply(load, add(slowShare, ...calls.pulse));
      const common = { service, instance, endpoint, fastMedian, slowMedian, loadTimesSlow, slowWindows: [...slowWindows, ...calls.windows] };
      for (const [code, ratio] of codes) {
        out.push({
          ...common,
          code,
          rate: rate * ratio,
          burstOnly: false,
          burstLoss: code === '200' ? rate * burst : 0,
          warpKey: hashString(`${seed}:${service.name}:${instance.name}:${endpoint.route}:${code}`),
        });
      }
      if (burst > 0) {
        out.push({
          ...common,
          code: '503',
          rate: rate * burst,
          burstOnly: true,
          burstLoss: 0,
          warpKey: hashString(`${seed}:${service.name}:${instance.name}:${endpoint.route}:503`),
        });
      }
    }
  }
  return out;
}

function histogramAt(s: StatusSeries, load: CosineSeries, events: Incidents, t: number): HistogramValue {
  const tau = warp(s.warpKey, t - DEMO_EPOCH_SECONDS, RATE_JITTER_SECONDS);
  const burstWindow = events.errorBurst.window;
  if (s.burstOnly) {
    // Failed-fast requests: only the fast population.
    const count = s.rate * windowedIntegral(load, burstWindow, tau);
    return {
      ...integerHistogram(
        BUCKETS_SECONDS.map((le) => count * lognormalCdf(le, s.fastMedian, FAST_SIGMA)),
        count
      ),
      sum: round3(count * lognormalMean(s.fastMedian, FAST_SIGMA)),
    };
  }
  const dip = holidayDip();
  const requests = s.rate * dippedIntegral(load, dip, tau) - s.burstLoss * windowedIntegral(load, burstWindow, tau);
  // Requests weighted by their chance of taking the slow path: ∫ rate·slowShare (+ the spike).
  let slowRequests = s.rate * dippedIntegral(s.loadTimesSlow, dip, tau);
  for (const { window, share } of s.slowWindows) {
    slowRequests += s.rate * share * windowedIntegral(load, window, tau);
  }
  const fastRequests = requests - slowRequests;
  const fastMean = lognormalMean(s.fastMedian, FAST_SIGMA);
  const slowMean = lognormalMean(s.slowMedian, SLOW_SIGMA);
  return {
    ...integerHistogram(
      BUCKETS_SECONDS.map(
        (le) =>
          fastRequests * lognormalCdf(le, s.fastMedian, FAST_SIGMA) + slowRequests * lognormalCdf(le, s.slowMedian, SLOW_SIGMA)
      ),
      requests
    ),
    sum: round3(fastRequests * fastMean + slowRequests * slowMean),
  };
}

function podAt(
  seed: number,
  load: CosineSeries,
  service: Service,
  instance: Instance,
  t: number,
  canaryBuild: CanaryBuild,
  cluster: ClusterModel
): PodValue {
  const key = `${service.name}:${instance.name}`;
  const badCanary = instance.track === 'canary' && canaryBuild === 'bad';
  const tau = warp(hashString(`${seed}:${key}:cpu`), t - DEMO_EPOCH_SECONDS, RATE_JITTER_SECONDS);
  const requestsPerSecond = service.rate * trafficShare(service, instance);
  // Idle cost plus ~2 ms of CPU per request; the canary burns more.
  const cpuPerRequest = 0.002 * (badCanary ? 1.5 : 1);
  const cpuSecondsTotal = 0.03 * tau + cpuPerRequest * requestsPerSecond * dippedIntegral(load, holidayDip(), tau);

  // Working set: a base, a slow leak reset by a restart every few days, a daily wobble, noise.
  const limit = service.memoryLimitBytes;
  const shape = memoryShape(seed, service, instance, canaryBuild);
  const sinceRestart = mod(t - DEMO_EPOCH_SECONDS + shape.phaseSeconds, shape.restartEverySeconds);
  const base = limit * shape.base;
  const leak = limit * shape.leak * (sinceRestart / shape.restartEverySeconds);
  const wobble = limit * MEMORY_WOBBLE * (evaluate(load, t - DEMO_EPOCH_SECONDS) - 1);
  const noise = limit * 0.01 * (2 * unit(hashString(`${seed}:${key}:mem`), Math.floor(t / 15)) - 1);
  const throttling = cluster.throttlingAt(instance, t);
  return {
    cpuSecondsTotal: round3(cpuSecondsTotal),
    cpuQuotaMicros: Math.round(cluster.cpuLimitCores(instance, CPU_LIMIT_CORES) * CFS_PERIOD_MICROS),
    cpuPeriodMicros: CFS_PERIOD_MICROS,
    cpuShares: Math.round(CPU_REQUEST_CORES * 1024),
    memoryWorkingSetBytes: Math.round(base + leak + wobble + noise),
    memoryLimitBytes: limit,
    restarts: Math.floor((t - DEMO_EPOCH_SECONDS + shape.phaseSeconds) / shape.restartEverySeconds),
    ready: sinceRestart >= NOT_READY_AFTER_RESTART_SECONDS,
    cfsPeriods: throttling.periods,
    cfsThrottledPeriods: throttling.throttledPeriods,
    cfsThrottledSeconds: throttling.throttledSeconds,
  };
}

/**
 * Every container's CPU limit and request. Usage is 0.035–0.09 cores with the daily load, so against
 * the limit it stays under 75 %, while busy containers (catalog, auth) run above their request at the
 * daily peak and checkout's peak reaches about 90 % of it: the capacity page's CPU rows have all three
 * answers (not within the horizon, already over, crossing at the daily peak).
 */
export const CPU_LIMIT_CORES = 0.12;
export const CPU_REQUEST_CORES = 0.06;
const CFS_PERIOD_MICROS = 100_000;

/** Share of the memory limit the daily load wobble moves the working set by (times load − 1). */
export const MEMORY_WOBBLE = 0.03;

/**
 * The working set's leak as shares of the limit: `base` right after a restart, growing by `leak` over
 * `restartEverySeconds`, restarts at `t − DEMO_EPOCH_SECONDS + phaseSeconds ≡ 0`. Exported so the
 * capacity backtest can compute when the leak would cross a threshold without the next restart.
 */
export function memoryShape(seed: number, service: Service, instance: Instance, canaryBuild: CanaryBuild = 'bad') {
  const draw = seededDraws(seed);
  // With a good canary every pod of a canaried service shares one memory trajectory, so per-pod
  // memory differs by noise only (otherwise each pod's own base and restart phase would).
  const key =
    canaryBuild === 'good' && service.instances.some((i) => i.track === 'canary')
      ? service.name
      : `${service.name}:${instance.name}`;
  const restartEverySeconds = between(draw(`${key}.restartEvery`), 3, 6) * DAY;
  return {
    restartEverySeconds,
    phaseSeconds: between(draw(`${key}.restartPhase`), 0, restartEverySeconds),
    base: between(draw(`${key}.memBase`), 0.3, 0.4),
    leak: instance.track === 'canary' && canaryBuild === 'bad' ? 0.3 : 0.18,
  };
}

/**
 * A volume's fill as shares of its capacity: `start` right after the weekly compaction, `end` just
 * before it, compactions at `t − DEMO_EPOCH_SECONDS + phaseSeconds ≡ 0 (mod WEEK)`. Exported for the
 * capacity backtest (its true crossing times).
 */
export function volumeShape(seed: number, service: Service) {
  const draw = seededDraws(seed);
  return {
    start: service.name === 'search' ? 0.45 : between(draw(`${service.name}.volStart`), 0.2, 0.35),
    end: service.name === 'search' ? 0.97 : between(draw(`${service.name}.volEnd`), 0.45, 0.65),
    phaseSeconds: between(draw(`${service.name}.volPhase`), 0, WEEK),
  };
}

/** Volumes fill steadily and are compacted weekly; search runs close to full before compaction. */
function volumeAt(seed: number, service: Service, t: number): VolumeValue {
  const capacity = service.volumeCapacityBytes;
  const { start, end, phaseSeconds } = volumeShape(seed, service);
  const progress = mod(t - DEMO_EPOCH_SECONDS + phaseSeconds, WEEK) / WEEK;
  const noise = capacity * 0.0005 * (2 * unit(hashString(`${seed}:${service.name}:vol`), Math.floor(t / HOUR)) - 1);
  return { usedBytes: Math.round(capacity * (start + (end - start) * progress) + noise), capacityBytes: capacity };
}

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function lognormalMean(median: number, sigma: number): number {
  return median * Math.exp((sigma * sigma) / 2);
}

function lognormalCdf(x: number, median: number, sigma: number): number {
  return 0.5 * (1 + erf(Math.log(x / median) / (sigma * Math.SQRT2)));
}

/** Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), plenty for bucket shares. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const k = 1 / (1 + 0.3275911 * a);
  const poly = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
  return sign * (1 - poly * Math.exp(-a * a));
}

/** True while an incident is running, for logs and the demo's own status endpoint. */
export function activeIncidents(model: DemoModel, t: number): string[] {
  const tau = t - DEMO_EPOCH_SECONDS;
  const active: string[] = [];
  if (inWindow(model.incidents.latencySpike.window, tau)) {
    active.push(`latency spike on ${model.incidents.latencySpike.service}`);
  }
  if (inWindow(model.incidents.errorBurst.window, tau)) {
    active.push(`error burst on ${model.incidents.errorBurst.service}`);
  }
  return active;
}
