import { toDataFrame } from '@grafana/data';

import { canaryQueries, resolveSplit } from '../../../queries/canary';
import { PRESETS } from '../../../queries/conventions';
import { DEFAULT_CANARY_METRICS, resolveCanaryConfig } from '../../../settings/canary';
import { classifyTraffic, datasetFromFrames, sampleQueries, sampleRefId } from '../canaryData';
import { trafficMessage } from '../CanaryResults';

function resolved() {
  const r = resolveSplit(PRESETS.istio, { service: 'checkout', preset: 'istio-version' });
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.split;
}

const instant = (refId: string, v: number) => toDataFrame({ refId, fields: [{ name: 'Value', type: 'number', values: [v] }] });

describe('datasetFromFrames', () => {
  test('keeps nulls and NaN for the NaN policy, and treats missing error totals as zero errors', () => {
    const frames = [
      toDataFrame({ refId: sampleRefId('canary', 'error-ratio'), fields: [{ name: 'Value', type: 'number', values: [0, null, NaN, 0.01] }] }),
      instant(sampleRefId('canary', 'requests'), 1200),
      instant(sampleRefId('baseline', 'requests'), 9000),
      instant(sampleRefId('baseline', 'errors'), 4),
    ];
    const { data, totals } = datasetFromFrames(frames, DEFAULT_CANARY_METRICS, PRESETS.istio);
    expect(data['error-ratio']).toEqual({ canary: [0, null, NaN, 0.01], baseline: [] });
    expect(data['error-count']).toEqual({ canaryCount: 0, canaryExposure: 1200, baselineCount: 4, baselineExposure: 9000 });
    expect(totals.canary).toEqual({ requests: 1200, errors: undefined });
  });

  test('latency quantiles get the window buckets of each group, le in seconds (table and time-series frames)', () => {
    const table = toDataFrame({
      refId: sampleRefId('canary', 'buckets'),
      fields: [
        { name: 'Time', type: 'time', values: [1, 1, 1] },
        { name: 'le', type: 'string', values: ['100', '250', '+Inf'] },
        { name: 'Value #canary__buckets', type: 'number', values: [30, 61.5, 64] },
      ],
    });
    const series = ['100', '+Inf'].map((le, i) =>
      toDataFrame({
        refId: sampleRefId('baseline', 'buckets'),
        fields: [{ name: 'Value', type: 'number', labels: { le }, values: [[500, 700][i]] }],
      })
    );
    const { data } = datasetFromFrames([table, ...series], DEFAULT_CANARY_METRICS, PRESETS.istio);
    const expected = {
      canaryBuckets: [
        { le: 0.1, count: 30 },
        { le: 0.25, count: 61.5 },
        { le: Infinity, count: 64 },
      ],
      baselineBuckets: [
        { le: 0.1, count: 500 },
        { le: Infinity, count: 700 },
      ],
    };
    expect(data.p50).toEqual(expected);
    expect(data.p99).toEqual(expected);
  });

  test('the bucket queries are sent once per group, only when a quantile is judged', () => {
    const q = canaryQueries(PRESETS.istio, resolved());
    const refIds = (metrics: typeof DEFAULT_CANARY_METRICS) => sampleQueries(q, metrics).map((x) => x.refId);
    expect(refIds(DEFAULT_CANARY_METRICS).filter((r) => r.endsWith('__buckets'))).toEqual(['canary__buckets', 'baseline__buckets']);
    expect(sampleQueries(q, DEFAULT_CANARY_METRICS).find((x) => x.refId === 'canary__buckets')).toMatchObject({
      expr: q.groups.canary.latencyBuckets,
      instant: true,
    });
    expect(refIds(DEFAULT_CANARY_METRICS.filter((m) => m.kind !== 'quantile')).some((r) => r.endsWith('__buckets'))).toBe(false);
  });

  test('no request totals means no count data (not zero errors)', () => {
    expect(datasetFromFrames([], DEFAULT_CANARY_METRICS, PRESETS.istio).data['error-count']).toBeUndefined();
  });
});

describe('traffic states', () => {
  test.each([
    [{}, {}, 'no-traffic', 'No traffic'],
    [{}, { requests: 500 }, 'missing-canary', 'No canary traffic'],
    [{ requests: 500 }, { requests: 0 }, 'missing-baseline', 'No baseline traffic'],
    [{ requests: 40 }, { requests: 5000 }, 'too-small', 'Sample too small to judge'],
  ] as const)('%j vs %j → %s', (canary, baseline, kind, title) => {
    const state = classifyTraffic({ canary, baseline }, 100);
    expect(state.kind).toBe(kind);
    expect(trafficMessage(state, 'destination_version = canary vs stable')?.title).toBe(title);
  });

  test('enough canary traffic is fine and has no message', () => {
    const state = classifyTraffic({ canary: { requests: 100 }, baseline: { requests: 900 } }, 100);
    expect(state).toEqual({ kind: 'ok' });
    expect(trafficMessage(state)).toBeUndefined();
  });
});

describe('resolveCanaryConfig', () => {
  test('defaults, then overrides per metric; nonsense values fall back', () => {
    const config = resolveCanaryConfig({
      alpha: 0.01,
      passScore: 500,
      minCanaryRequests: -3,
      metrics: { cpu: { enabled: false }, p99: { critical: true, direction: 'either' }, memory: { tolerance: -1 } },
    });
    expect(config.thresholds.alpha).toBe(0.01);
    expect(config.thresholds.passScore).toBe(95);
    expect(config.minCanaryRequests).toBe(100);
    expect(config.metrics.map((m) => m.id)).toEqual(['p50', 'p95', 'p99', 'error-ratio', 'error-count', 'memory']);
    expect(config.metrics.find((m) => m.id === 'p99')).toMatchObject({ critical: true, direction: 'either' });
    expect(config.metrics.find((m) => m.id === 'memory')?.tolerance).toBe(0.1);
  });
});
