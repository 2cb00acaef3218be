// Canary vs baseline: how the two groups are told apart (split styles and their presets) and every
// PromQL query the Canary Analysis page sends. All label values go through LabelMatcher (escaped in
// selector.ts); label names are validated before they are used unquoted.
import type { CatalogueEntry } from './catalogueTypes';
import { LABEL_NAME_PATTERN, type MetricConvention } from './conventions';
import { escapeRegexLiteral } from './escape';
import { errorSelector, latencyBucketIncrease, latencyQuantile, requestSelector } from './red';
import { CADVISOR } from './resources';
import { type LabelMatcher, aggregate, by, rate, selector } from './selector';

/**
 * How canary and baseline traffic are labelled:
 * - `istio-version`: Istio's `destination_version` from the pods' `version` label (`canary` / `stable`).
 * - `flagger`: Flagger's workloads `<svc>-canary` / `<svc>-primary` in Istio's `destination_workload`.
 * - `argo-services`: Argo Rollouts' `canaryService` / `stableService`, conventionally `<svc>-canary`
 *   / `<svc>-stable`, which Istio reports as `destination_service_name`.
 * - `argo-hash`: Argo Rollouts' `rollouts-pod-template-hash` pod label (relabelled to
 *   `rollouts_pod_template_hash` by Kubernetes service discovery), one hash per ReplicaSet.
 * - `canary-pods`: no canary label at all, only pod names: requests whose instance label starts
 *   `<svc>-canary-` (Kubernetes names a `<svc>-canary` Deployment's pods so) against the service's
 *   other instances. Fits the OpenTelemetry and Prometheus conventions, which carry no version label.
 * - `custom`: any label and values.
 */
export type SplitPresetId = 'istio-version' | 'flagger' | 'argo-services' | 'argo-hash' | 'canary-pods' | 'custom';

export const SPLIT_PRESETS: ReadonlyArray<{ id: SplitPresetId; label: string; description: string }> = [
  { id: 'istio-version', label: 'Istio version', description: 'destination_version="canary" vs "stable"' },
  { id: 'flagger', label: 'Flagger', description: 'destination_workload="<service>-canary" vs "<service>-primary"' },
  { id: 'argo-services', label: 'Argo Rollouts services', description: 'destination_service_name="<service>-canary" vs "<service>-stable"' },
  { id: 'argo-hash', label: 'Argo Rollouts pod hash', description: 'rollouts_pod_template_hash: the canary and stable ReplicaSet hashes' },
  { id: 'canary-pods', label: 'Canary pods', description: 'instance names starting "<service>-canary-" vs the other instances' },
  { id: 'custom', label: 'Custom label', description: 'Any label, with the values that mark canary and baseline' },
];

/**
 * The split a user sees first, so a verdict needs no typing: Istio metrics carry the version label;
 * the other conventions carry none, so canary pods are told apart by name. The custom split keeps
 * the instance label ready in case the user switches to it.
 */
export function defaultSplit(c: MetricConvention): { preset: SplitPresetId; label: string } {
  return c.preset === 'istio' ? { preset: 'istio-version', label: c.instanceLabel } : { preset: 'canary-pods', label: c.instanceLabel };
}

/** Whether a text (a URL value, a command-line flag) names a split style. */
export function isSplitPreset(value: string): value is SplitPresetId {
  return SPLIT_PRESETS.some((p) => p.id === value);
}

export interface CanarySelection {
  service: string;
  preset: SplitPresetId;
  /** 'custom': the label that tells the groups apart. */
  label?: string;
  /** 'custom' and 'argo-hash': values (exact matches) of the canary and the baseline. */
  canaryValues?: readonly string[];
  baselineValues?: readonly string[];
}

export type CanaryGroup = 'canary' | 'baseline';
export const CANARY_GROUPS: readonly CanaryGroup[] = ['canary', 'baseline'];

/** The two groups as label matchers, for request metrics and for cAdvisor pod metrics. */
export interface ResolvedSplit {
  label: string;
  canaryValues: readonly string[];
  baselineValues: readonly string[];
  /** Matchers selecting each group's requests (service scope included). */
  requests: Record<CanaryGroup, LabelMatcher[]>;
  /** Requests of both groups together (the traffic-split denominator). */
  both: LabelMatcher[];
  /** Matchers selecting each group's pods in cAdvisor metrics. */
  pods: Record<CanaryGroup, LabelMatcher[]>;
  /** e.g. `destination_version = canary vs stable` */
  description: string;
}

export type SplitResolution = { ok: true; split: ResolvedSplit } | { ok: false; reason: string };

function cleanValues(values: readonly string[] | undefined): string[] {
  return (values ?? []).map((v) => v.trim()).filter((v) => v.length > 0);
}

function presetValues(s: CanarySelection): { label: string; canary: string[]; baseline: string[] } {
  const svc = s.service;
  switch (s.preset) {
    case 'istio-version':
      return { label: 'destination_version', canary: ['canary'], baseline: ['stable'] };
    case 'flagger':
      return { label: 'destination_workload', canary: [`${svc}-canary`], baseline: [`${svc}-primary`] };
    case 'argo-services':
      return { label: 'destination_service_name', canary: [`${svc}-canary`], baseline: [`${svc}-stable`] };
    case 'argo-hash':
      return { label: 'rollouts_pod_template_hash', canary: cleanValues(s.canaryValues), baseline: cleanValues(s.baselineValues) };
    default:
      return { label: (s.label ?? '').trim(), canary: cleanValues(s.canaryValues), baseline: cleanValues(s.baselineValues) };
  }
}

/**
 * Pods of each group. Kubernetes names a Deployment's pods `<deployment>-<hash>-<suffix>`, so
 * Flagger's and Istio-labelled canaries run in pods starting `<svc>-canary-`; everything else in
 * the service's container is the baseline. Argo's pods carry the ReplicaSet hash in their name.
 */
function podMatchers(s: CanarySelection, canaryValues: string[], baselineValues: string[]): Record<CanaryGroup, LabelMatcher[]> {
  const container: LabelMatcher = { label: CADVISOR.containerLabel, equals: s.service };
  const svc = escapeRegexLiteral(s.service);
  if (s.preset === 'argo-hash') {
    const pattern = (hashes: string[]) => `${svc}-(${hashes.map(escapeRegexLiteral).join('|')})-.*`;
    return {
      canary: [container, { label: CADVISOR.podLabel, regex: pattern(canaryValues) }],
      baseline: [container, { label: CADVISOR.podLabel, regex: pattern(baselineValues) }],
    };
  }
  const canaryPods = `${svc}-canary-.*`;
  return {
    canary: [container, { label: CADVISOR.podLabel, regex: canaryPods }],
    baseline: [container, { label: CADVISOR.podLabel, notRegex: canaryPods }],
  };
}

/** Resolves a selection to matchers, or says what is missing. */
export function resolveSplit(c: MetricConvention, s: CanarySelection): SplitResolution {
  if (!s.service || s.service.trim() === '') {
    return { ok: false, reason: 'Choose a service.' };
  }
  if (s.preset === 'canary-pods') {
    return canaryPodsSplit(c, s);
  }
  const { label, canary, baseline } = presetValues(s);
  if (!LABEL_NAME_PATTERN.test(label)) {
    return { ok: false, reason: label ? `"${label}" is not a valid Prometheus label name.` : 'Enter the label that tells canary and baseline apart.' };
  }
  if (canary.length === 0 || baseline.length === 0) {
    return { ok: false, reason: `Enter the ${canary.length === 0 ? 'canary' : 'baseline'} value(s) of ${label}.` };
  }
  const overlap = canary.filter((v) => baseline.includes(v));
  if (overlap.length > 0) {
    return { ok: false, reason: `"${overlap[0]}" is listed as both canary and baseline.` };
  }
  // When the split label is the service label itself (Argo's canary/stable services), the service
  // matcher would contradict it; the split values already name the service.
  const service: LabelMatcher[] = label === c.serviceLabel ? [] : [{ label: c.serviceLabel, equals: s.service }];
  const group = (values: string[]): LabelMatcher[] => [...service, { label, anyOf: values }];
  return {
    ok: true,
    split: {
      label,
      canaryValues: canary,
      baselineValues: baseline,
      requests: { canary: group(canary), baseline: group(baseline) },
      both: group([...canary, ...baseline]),
      pods: podMatchers(s, canary, baseline),
      description: `${label} = ${canary.join(', ')} vs ${baseline.join(', ')}`,
    },
  };
}

/** The service's `<svc>-canary-*` instances against its other instances, by regex on the instance label. */
function canaryPodsSplit(c: MetricConvention, s: CanarySelection): SplitResolution {
  const label = c.instanceLabel;
  if (!LABEL_NAME_PATTERN.test(label)) {
    return { ok: false, reason: `"${label}" is not a valid Prometheus label name.` };
  }
  const canaryPattern = `${escapeRegexLiteral(s.service)}-canary-.*`;
  const service: LabelMatcher = { label: c.serviceLabel, equals: s.service };
  return {
    ok: true,
    split: {
      label,
      canaryValues: [`${s.service}-canary-*`],
      baselineValues: [`other ${s.service} instances`],
      requests: {
        canary: [service, { label, regex: canaryPattern }],
        baseline: [service, { label, notRegex: canaryPattern }],
      },
      both: [service],
      pods: podMatchers(s, [], []),
      description: `${label} ${s.service}-canary-* vs the other ${s.service} instances`,
    },
  };
}

/** Metrics compared between the groups. Units: latency in seconds, ratios 0..1, CPU in cores. */
export type CanaryMetricId = 'p50' | 'p95' | 'p99' | 'error-ratio' | 'cpu' | 'memory';
export const CANARY_METRIC_IDS: readonly CanaryMetricId[] = ['p50', 'p95', 'p99', 'error-ratio', 'cpu', 'memory'];

export interface CanaryGroupQueries {
  /**
   * Range queries, one sample per step: the samples the statistics compare, except the latency
   * quantiles, which the charts show per step but the judge reads from `latencyBuckets`.
   */
  metrics: Record<CanaryMetricId, string>;
  /** Instant query over the analysis window: requests per latency bucket (`le` kept, in the histogram's unit). */
  latencyBuckets: string;
  /** Requests per second (range): the group's volume. */
  requestRate: string;
  /** Instant queries over the analysis window: totals for the count test. */
  requestCount: string;
  errorCount: string;
}

export interface CanaryQueries {
  groups: Record<CanaryGroup, CanaryGroupQueries>;
  /** Canary share of the two groups' requests (range, 0..1). */
  trafficShare: string;
}

/** A PromQL duration from seconds (whole seconds, at least 1). */
export function promDuration(seconds: number): string {
  return `${Math.max(1, Math.round(Number.isFinite(seconds) ? seconds : 1))}s`;
}

/**
 * Grafana's `$__range`: the dashboard's time range as a duration. The page's count totals use it, so
 * the queries stay the same when the time range moves and the runner re-runs them by itself.
 */
export const RANGE_WINDOW = '$__range';

/** The count totals' window: seconds (the command line, the catalogue) or Grafana's `$__range`. */
export type CanaryWindow = number | typeof RANGE_WINDOW;

function groupQueries(c: MetricConvention, split: ResolvedSplit, g: CanaryGroup, windowIn: CanaryWindow): CanaryGroupQueries {
  const scope = split.requests[g];
  const requests = requestSelector(c, scope);
  const errors = errorSelector(c, scope);
  const requestRate = aggregate('sum', [], rate(requests));
  const window = windowIn === RANGE_WINDOW ? RANGE_WINDOW : promDuration(windowIn);
  // Average per pod: the canary usually runs fewer pods than the baseline, so totals would compare
  // replica counts, not builds.
  const perPod = [CADVISOR.podLabel];
  const cpu = `avg(sum${by(perPod)} (${rate(selector(CADVISOR.cpuSeconds, split.pods[g]))}))`;
  const memory = `avg(sum${by(perPod)} (${selector(CADVISOR.memoryWorkingSet, split.pods[g])}))`;
  return {
    metrics: {
      p50: latencyQuantile(c, 0.5, scope),
      p95: latencyQuantile(c, 0.95, scope),
      p99: latencyQuantile(c, 0.99, scope),
      // A step with traffic but no 5xx series reads 0, not "no data" (same as red.errorRatio).
      'error-ratio': `(sum(${rate(errors)}) or ${requestRate} * 0) / ${requestRate}`,
      cpu,
      memory,
    },
    requestRate,
    latencyBuckets: latencyBucketIncrease(c, scope, window),
    requestCount: `sum(increase(${requests}[${window}]))`,
    // No 5xx series in the window means zero errors, as long as the group had requests at all.
    errorCount: `sum(increase(${errors}[${window}])) or sum(increase(${requests}[${window}])) * 0`,
  };
}

/** Every query for a resolved split; `window` is the analysis window for the count totals. */
export function canaryQueries(c: MetricConvention, split: ResolvedSplit, window: CanaryWindow = RANGE_WINDOW): CanaryQueries {
  const both = aggregate('sum', [], rate(requestSelector(c, split.both)));
  const canary = groupQueries(c, split, 'canary', window);
  return {
    groups: { canary, baseline: groupQueries(c, split, 'baseline', window) },
    trafficShare: `${canary.requestRate} / ${both}`,
  };
}

const METRIC_DESCRIPTIONS: Record<CanaryMetricId, string> = {
  p50: 'p50 latency (s)',
  p95: 'p95 latency (s)',
  p99: 'p99 latency (s)',
  'error-ratio': '5xx share of requests',
  cpu: 'CPU cores per pod (average)',
  memory: 'working-set bytes per pod (average)',
};

/** Window the catalogue uses for the count totals (the page uses its time range). */
export const CATALOGUE_CANARY_WINDOW_SECONDS = 300;

/**
 * Canary queries for the catalogue, for the convention's natural split: Istio's version labels
 * when the convention is Istio (the only one carrying them), otherwise a custom split on the
 * instance label with the demo's canary pod (`<svc>-canary-0`) against its stable pods.
 */
export function canaryCatalogueEntries(c: MetricConvention, service = 'checkout'): CatalogueEntry[] {
  const selection: CanarySelection =
    c.preset === 'istio'
      ? { service, preset: 'istio-version' }
      : { service, preset: 'custom', label: c.instanceLabel, canaryValues: [`${service}-canary-0`], baselineValues: [`${service}-0`, `${service}-1`] };
  const resolved = resolveSplit(c, selection);
  if (!resolved.ok) {
    return [];
  }
  const q = canaryQueries(c, resolved.split, CATALOGUE_CANARY_WINDOW_SECONDS);
  const page = 'canary';
  const entries: CatalogueEntry[] = [
    { id: 'canary.traffic-share', page, expr: q.trafficShare, expectLabels: [], description: 'Canary share of requests (0..1)' },
  ];
  for (const g of CANARY_GROUPS) {
    const gq = q.groups[g];
    for (const id of CANARY_METRIC_IDS) {
      entries.push({ id: `canary.${g}-${id}`, page, expr: gq.metrics[id], expectLabels: [], description: `${g}: ${METRIC_DESCRIPTIONS[id]}` });
    }
    entries.push(
      { id: `canary.${g}-request-rate`, page, expr: gq.requestRate, expectLabels: [], description: `${g}: requests per second` },
      { id: `canary.${g}-request-count`, page, expr: gq.requestCount, expectLabels: [], description: `${g}: requests in the window` },
      { id: `canary.${g}-error-count`, page, expr: gq.errorCount, expectLabels: [], description: `${g}: 5xx responses in the window` }
    );
  }
  return entries;
}
