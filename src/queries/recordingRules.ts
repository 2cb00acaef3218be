// Names of the recording rules shipped with the demo stack (computed from the otel preset, with the
// service label normalised to `service`). The overview can read them instead of raw histograms when
// the app config's "Use recording rules" switch is on.
export const RULE_SERVICE_LABEL = 'service';

export const RECORDING_RULES = {
  requestsRate1m: 'codesentinel:service_requests:rate1m',
  requestsRate5m: 'codesentinel:service_requests:rate5m',
  errorsRate5m: 'codesentinel:service_errors:rate5m',
  errorRatio5m: 'codesentinel:service_error_ratio:rate5m',
  latencyP95_5m: 'codesentinel:service_latency_seconds:p95_5m',
  latencyAvg1d: 'codesentinel:service_latency_seconds:avg1d',
} as const;
