import type { LabelMatcher } from './selector';

export type PresetId = 'otel' | 'prometheus' | 'istio';

export type LatencyUnit = 'seconds' | 'milliseconds';

/**
 * The client side of a call edge: the latency histogram a service records for each request it makes
 * to another service, and the labels that name the caller and the callee. Not overridable (yet): the
 * names are the convention's standard ones.
 */
export interface CallConvention {
  /** Client-side latency histogram, the `_bucket` series. */
  latencyBucketMetric: string;
  latencyUnit: LatencyUnit;
  /** The label naming the calling service; undefined: the convention's `serviceLabel` (resolved, overrides included). */
  callerLabel: string | undefined;
  /** The label naming the called service (the finder's subject). */
  calleeLabel: string;
  /** Matchers every call selector carries (Istio: only the caller's sidecar report). */
  fixedMatchers: readonly LabelMatcher[];
}

/** The metric and label names one instrumentation convention uses. Every name is overridable. */
export interface MetricConvention {
  preset: PresetId;
  /** Request counter. */
  requestsMetric: string;
  /** Latency histogram, the `_bucket` series. */
  latencyBucketMetric: string;
  /** Unit the histogram's `le` buckets are in; queries convert to seconds. */
  latencyUnit: LatencyUnit;
  serviceLabel: string;
  endpointLabel: string;
  methodLabel: string;
  statusLabel: string;
  instanceLabel: string;
  /** Matchers every request and latency selector carries (Istio: only the server side's report). */
  fixedMatchers: readonly LabelMatcher[];
  /** Latency of the calls the service makes to others; undefined where the convention has no standard one. */
  calls: CallConvention | undefined;
}

/** The names a user may override in the app config; `preset`, unit and fixed matchers are not. */
export const OVERRIDABLE_NAMES = [
  'requestsMetric',
  'latencyBucketMetric',
  'serviceLabel',
  'endpointLabel',
  'methodLabel',
  'statusLabel',
  'instanceLabel',
] as const;

export type OverridableName = (typeof OVERRIDABLE_NAMES)[number];

export type ConventionOverrides = Partial<Record<OverridableName, string>>;

export const PRESETS: Readonly<Record<PresetId, MetricConvention>> = {
  otel: {
    preset: 'otel',
    requestsMetric: 'http_server_request_duration_seconds_count',
    latencyBucketMetric: 'http_server_request_duration_seconds_bucket',
    latencyUnit: 'seconds',
    serviceLabel: 'service_name',
    endpointLabel: 'http_route',
    methodLabel: 'http_request_method',
    statusLabel: 'http_response_status_code',
    instanceLabel: 'instance',
    fixedMatchers: [],
    // OTel semconv `http.client.request.duration`: its `server.address` attribute is required, so every
    // client names its callee; `peer.service` is a span attribute, optional and not on the metric.
    // The caller is the same `service.name` resource attribute as on the server side.
    calls: {
      latencyBucketMetric: 'http_client_request_duration_seconds_bucket',
      latencyUnit: 'seconds',
      callerLabel: undefined,
      calleeLabel: 'server_address',
      fixedMatchers: [],
    },
  },
  prometheus: {
    preset: 'prometheus',
    requestsMetric: 'http_requests_total',
    latencyBucketMetric: 'http_request_duration_seconds_bucket',
    latencyUnit: 'seconds',
    serviceLabel: 'service',
    endpointLabel: 'handler',
    methodLabel: 'method',
    statusLabel: 'code',
    instanceLabel: 'instance',
    fixedMatchers: [],
    // client_golang's promhttp names the server side's metrics (`http_requests_total`,
    // `http_request_duration_seconds`, `handler`, `code`), but its client instrumentation
    // (InstrumentRoundTripperDuration) takes a histogram the application names itself, with no standard
    // name or callee label; guessing one would query a metric no such service has. No call latency here.
    calls: undefined,
  },
  istio: {
    preset: 'istio',
    requestsMetric: 'istio_requests_total',
    latencyBucketMetric: 'istio_request_duration_milliseconds_bucket',
    latencyUnit: 'milliseconds',
    serviceLabel: 'destination_service_name',
    endpointLabel: 'request_operation',
    methodLabel: 'request_method',
    statusLabel: 'response_code',
    instanceLabel: 'instance',
    // Both sidecars report every request; counting only the destination's report avoids doubling.
    fixedMatchers: [{ label: 'reporter', equals: 'destination' }],
    // The same histogram as reported by the caller's sidecar: what the caller waited, network included.
    // The callee is `destination_service_name`, as on the server side. The caller is
    // `source_canonical_service` (the service, all its workloads), not `source_workload`: under
    // Flagger that is `<service>-primary` / `<service>-canary`, never the service's own name.
    calls: {
      latencyBucketMetric: 'istio_request_duration_milliseconds_bucket',
      latencyUnit: 'milliseconds',
      callerLabel: 'source_canonical_service',
      calleeLabel: 'destination_service_name',
      fixedMatchers: [{ label: 'reporter', equals: 'source' }],
    },
  },
};

export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export const PRESET_LABELS: Readonly<Record<PresetId, { label: string; description: string }>> = {
  otel: {
    label: 'OpenTelemetry',
    description: 'OTel HTTP semantic conventions: http_server_request_duration_seconds histogram, service_name',
  },
  prometheus: {
    label: 'Prometheus client defaults',
    description: 'http_requests_total counter and http_request_duration_seconds histogram, service label',
  },
  istio: {
    label: 'Istio',
    description: 'istio_requests_total and istio_request_duration_milliseconds (reporter="destination")',
  },
};

export const DEFAULT_PRESET: PresetId = 'otel';

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && value in PRESETS;
}

/** Metric and label names PromQL accepts without quoting (the classic, pre-UTF-8 syntax). */
export const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function isMetricName(name: OverridableName): boolean {
  return name === 'requestsMetric' || name === 'latencyBucketMetric';
}

/** Whether `value` is a syntactically valid name for the overridable field `name`. */
export function isValidName(name: OverridableName, value: string): boolean {
  return (isMetricName(name) ? METRIC_NAME_PATTERN : LABEL_NAME_PATTERN).test(value);
}

/**
 * Preset defaults with the user's overrides applied; an unknown preset falls back to otel.
 * Names are inserted into PromQL unquoted, so an override that is not a valid metric or label name
 * (jsonData can be provisioned by hand, bypassing the config page's validation) is ignored rather
 * than allowed to change the query.
 */
export function resolveConvention(
  settings?: { preset?: unknown; overrides?: ConventionOverrides } | null
): MetricConvention {
  const base = PRESETS[isPresetId(settings?.preset) ? settings.preset : DEFAULT_PRESET];
  const overrides = settings?.overrides ?? {};
  const resolved: MetricConvention = { ...base };
  for (const name of OVERRIDABLE_NAMES) {
    const raw = overrides[name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value && isValidName(name, value)) {
      resolved[name] = value;
    }
  }
  return resolved;
}
