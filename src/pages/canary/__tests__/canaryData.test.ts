import { toDataFrame } from '@grafana/data';

import { PRESETS } from '../../../queries/conventions';
import { DEFAULT_CANARY_METRICS, resolveCanaryConfig } from '../../../settings/canary';
import { classifyTraffic, datasetFromFrames, sampleRefId } from '../canaryData';
import { trafficMessage } from '../CanaryResults';

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
