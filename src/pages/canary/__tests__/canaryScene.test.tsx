import { LoadingState, dateTime, toDataFrame } from '@grafana/data';
import {
  CustomVariable,
  QueryVariable,
  type SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  TextBoxVariable,
  sceneGraph,
} from '@grafana/scenes';
import { VariableHide } from '@grafana/schema';
import { render, screen } from '@testing-library/react';
import React from 'react';

import { type CanaryJudgement, type CanaryTraffic, judgeCanaryOffThread, type MetricConfig, type MetricData } from '../../../analytics';
import { testIds } from '../../../components/testIds';
import { canaryQueries, resolveSplit } from '../../../queries/canary';
import { PRESETS } from '../../../queries/conventions';
import { DEFAULT_CANARY_METRICS, resolveCanaryConfig } from '../../../settings/canary';
import { resolveAppSettings } from '../../../settings/resolve';
import { actionFor } from '../canaryAction';
import { CanaryAnalysis } from '../CanaryAnalysis';
import { sampleRefId } from '../canaryData';
import { CanaryResults } from '../CanaryResults';
import { buildCanaryScene } from '../canaryScene';
import { readSelection } from '../canaryVariables';

function istioScene() {
  const scene = buildCanaryScene(resolveAppSettings({ preset: 'istio' }));
  const analysis = sceneGraph.findObject(scene, (o) => o instanceof CanaryAnalysis) as CanaryAnalysis;
  return { scene, analysis };
}

function setVariable(scene: ReturnType<typeof istioScene>['scene'], name: string, value: string) {
  const v = sceneGraph.lookupVariable(name, scene);
  if (v instanceof QueryVariable || v instanceof CustomVariable) {
    v.setState({ value, text: value });
  } else if (v instanceof TextBoxVariable) {
    v.setState({ value });
  } else {
    throw new Error(`no variable ${name}`);
  }
}

describe('Canary Analysis scene', () => {
  test('root scene owns the time range, the selection variables and the analysis', () => {
    const { scene, analysis } = istioScene();
    expect(scene.state.$timeRange?.state.from).toBe('now-1h');
    expect(scene.state.$variables?.state.variables.map((v) => v.state.name)).toEqual([
      'ds',
      'service',
      'split',
      'splitLabel',
      'canary',
      'baseline',
    ]);
    expect(analysis).toBeInstanceOf(CanaryAnalysis);
    expect(analysis.state.$data).toBeInstanceOf(SceneQueryRunner);
    expect(sceneGraph.lookupVariable('split', scene)?.getValue()).toBe('istio-version');
  });

  test('non-Istio conventions start with canary pods by instance name, the label box hidden but ready', () => {
    const scene = buildCanaryScene(resolveAppSettings({ preset: 'otel' }));
    expect(sceneGraph.lookupVariable('split', scene)?.getValue()).toBe('canary-pods');
    const label = sceneGraph.lookupVariable('splitLabel', scene) as TextBoxVariable;
    expect(label.getValue()).toBe('instance');
    expect(label.state.hide).toBe(VariableHide.hideVariable);
  });

  test('selection → queries: the runner gets exactly the src/queries expressions', () => {
    const { scene, analysis } = istioScene();
    setVariable(scene, 'service', 'checkout');
    setVariable(scene, 'split', 'flagger');
    analysis.rebuild();
    const selection = readSelection(analysis, PRESETS.istio);
    expect(selection).toMatchObject({ service: 'checkout', preset: 'flagger' });
    const resolved = resolveSplit(PRESETS.istio, selection);
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) {
      return;
    }
    const expected = canaryQueries(PRESETS.istio, resolved.split);
    const queries = (analysis.state.$data as SceneQueryRunner).state.queries as Array<{ refId: string; expr: string; instant?: boolean }>;
    const byRef = new Map(queries.map((q) => [q.refId, q]));
    expect(byRef.get(sampleRefId('canary', 'p95'))?.expr).toBe(expected.groups.canary.metrics.p95);
    expect(byRef.get(sampleRefId('baseline', 'memory'))?.expr).toBe(expected.groups.baseline.metrics.memory);
    expect(byRef.get(sampleRefId('canary', 'requests'))).toMatchObject({
      expr: expected.groups.canary.requestCount,
      instant: true,
    });
    expect(byRef.get('traffic__share')?.expr).toBe(expected.trafficShare);
    expect(analysis.state.splitDescription).toBe('destination_workload = checkout-canary vs checkout-primary');
    expect(analysis.state.charts).toBeInstanceOf(SceneFlexLayout);
  });

  test('a custom split without values asks for them and runs nothing', () => {
    const { scene, analysis } = istioScene();
    setVariable(scene, 'service', 'checkout');
    setVariable(scene, 'split', 'custom');
    setVariable(scene, 'splitLabel', 'track');
    analysis.rebuild();
    expect(analysis.state.status).toEqual({ kind: 'selection', reason: 'Enter the canary value(s) of track.' });
    expect((analysis.state.$data as SceneQueryRunner).state.queries).toEqual([]);
    expect(sceneGraph.lookupVariable('canary', scene)?.state.hide).toBe(0);
  });

  test('samples → verdict: a slower canary is rolled back', async () => {
    const { scene, analysis } = istioScene();
    setVariable(scene, 'service', 'checkout');
    analysis.rebuild();
    const steps = Array.from({ length: 60 }, (_, i) => 1_700_000_000_000 + i * 15_000);
    const series = (refId: string, f: (i: number) => number) =>
      toDataFrame({
        refId,
        fields: [
          { name: 'Time', type: 'time', values: steps },
          { name: 'Value', type: 'number', values: steps.map((_, i) => f(i)) },
        ],
      });
    const instant = (refId: string, v: number) =>
      toDataFrame({ refId, fields: [{ name: 'Value', type: 'number', values: [v] }] });
    const wobble = (i: number) => ((i * 37) % 11) / 100;
    // The window's requests per latency bucket (ms, Istio), as Prometheus' table frame has them.
    const buckets = (refId: string, counts: number[]) =>
      toDataFrame({
        refId,
        fields: [
          { name: 'le', type: 'string', values: ['100', '250', '500', '1000', '+Inf'] },
          { name: 'Value', type: 'number', values: counts },
        ],
      });
    const frames = [
      series(sampleRefId('canary', 'p95'), (i) => 0.45 + wobble(i)),
      series(sampleRefId('baseline', 'p95'), (i) => 0.25 + wobble(i)),
      buckets(sampleRefId('canary', 'buckets'), [500, 2000, 4000, 4900, 5000]),
      buckets(sampleRefId('baseline', 'buckets'), [20000, 40000, 44000, 44900, 45000]),
      instant(sampleRefId('canary', 'requests'), 5000),
      instant(sampleRefId('baseline', 'requests'), 45000),
      instant(sampleRefId('canary', 'errors'), 2),
      instant(sampleRefId('baseline', 'errors'), 20),
    ];
    const range = { from: dateTime(steps[0]), to: dateTime(steps[59]), raw: { from: 'now-1h', to: 'now' } };
    await analysis.judgeData({ state: LoadingState.Done, series: frames, timeRange: range });
    expect(analysis.state.status).toEqual({ kind: 'done' });
    expect(analysis.state.traffic).toEqual({ kind: 'ok' });
    expect(analysis.state.judgement?.verdict).toBe('fail');
    expect(analysis.state.judgement?.metrics.find((m) => m.id === 'p95')?.outcome).toBe('high');
  });

  test('a data-source error is shown as an error state', async () => {
    const { scene, analysis } = istioScene();
    setVariable(scene, 'service', 'checkout');
    analysis.rebuild();
    const range = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } };
    await analysis.judgeData({
      state: LoadingState.Error,
      series: [],
      errors: [{ message: 'bad_data: parse error' }],
      timeRange: range,
    });
    expect(analysis.state.status).toEqual({ kind: 'error', message: 'bad_data: parse error' });
  });
});

/** Cumulative requests per bucket (0.1, 0.25, 0.5, 1 s, +Inf) over the window. */
function bucketCounts(counts: number[]) {
  return [0.1, 0.25, 0.5, 1, Infinity].map((le, i) => ({ le, count: counts[i] }));
}

/** The judgement the page would get from the engine (in jsdom the client runs it in-thread). */
async function judge(metrics: MetricConfig[], data: Record<string, MetricData>, traffic?: CanaryTraffic): Promise<CanaryJudgement> {
  const outcome = await judgeCanaryOffThread({ metrics, data, thresholds: {}, traffic });
  if (!outcome.ok) {
    throw new Error(outcome.reason);
  }
  return outcome.judgement;
}

describe('CanaryResults', () => {
  const config = resolveCanaryConfig();
  let worse: CanaryJudgement;
  beforeAll(async () => {
    worse = await judge(config.metrics, {
      p95: {
        canaryBuckets: bucketCounts([50, 200, 350, 390, 400]),
        baselineBuckets: bucketCounts([2000, 4000, 4400, 4490, 4500]),
      },
    });
  });

  test('shows the roll-back verdict, its reasons and one row per metric, as text', () => {
    render(<CanaryResults judgement={worse} splitDescription="destination_version = canary vs stable" />);
    expect(screen.getByTestId(testIds.canary.verdict).textContent).toContain('Verdict: roll back');
    expect(screen.getByTestId(testIds.canary.verdict).textContent).toContain('Critical metric worse by more than allowed: p95 latency.');
    const table = screen.getByTestId(testIds.canary.results);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(DEFAULT_CANARY_METRICS.length);
    // Per metric: the allowed change, the interval, which test and side, and the decision.
    const p95Row = Array.from(table.querySelectorAll('tbody tr')).find((r) => r.textContent?.startsWith('p95 latency'));
    // Pooled p95: canary rank 380 of 400 in (0.5 s, 1 s] → 875 ms; baseline rank 4275 in (0.25 s, 0.5 s] → 422 ms.
    expect(p95Row?.textContent).toContain('875 ms (400 requests)');
    expect(p95Row?.textContent).toContain('5 % (21.1 ms)');
    expect(p95Row?.textContent).toContain('+73.3 % to +145 % (90 %)');
    expect(p95Row?.textContent).toContain('order-statistic bounds on pooled buckets, one-sided, canary higher');
    expect(p95Row?.textContent).toContain('worse');
  });

  test('too little canary traffic: hold with the reason and a warning, where the metrics alone would promote', async () => {
    const same = Array.from({ length: 40 }, (_, i) => 0.25 + (i % 7) / 100);
    const sameBuckets = bucketCounts([2000, 4000, 4400, 4490, 4500]);
    const data: Record<string, MetricData> = Object.fromEntries(
      config.metrics.map((m) => [
        m.id,
        m.kind === 'count'
          ? { canaryCount: 0, canaryExposure: 12, baselineCount: 1, baselineExposure: 1000 }
          : m.kind === 'quantile'
            ? { canaryBuckets: sameBuckets, baselineBuckets: sameBuckets }
            : { canary: same, baseline: same },
      ])
    );
    expect((await judge(config.metrics, data)).verdict).toBe('pass');
    const held = await judge(config.metrics, data, { canaryRequests: 12, baselineRequests: 1000, minCanaryRequests: 100 });
    expect(held.reasons[0]).toEqual({ code: 'too-little-traffic', canaryRequests: 12, minRequests: 100 });
    render(<CanaryResults judgement={held} traffic={{ kind: 'too-small', canaryRequests: 12, minRequests: 100 }} />);
    expect(screen.getByTestId(testIds.canary.verdict).textContent).toContain('Verdict: hold');
    expect(screen.getByTestId(testIds.canary.verdict).textContent).toContain('The canary served 12 requests in the window; at least 100 are needed');
    expect(screen.getByTestId(testIds.canary.traffic).textContent).toContain('The canary served 12 requests');
  });

  test.each([
    ['pass', 'promote'],
    ['marginal', 'hold'],
    ['insufficient-data', 'hold'],
    ['fail', 'roll back'],
  ] as const)('verdict %s maps to %s', (verdict, action) => {
    expect(actionFor(verdict)).toBe(action);
  });

  test('hostile text from a label value renders as text, not HTML', () => {
    render(<CanaryResults judgement={worse} splitDescription={'track = <img src=x onerror=alert(1)> vs b'} />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId(testIds.canary.verdict).textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('chart layout', () => {
  test('traffic row plus metric rows of two charts', () => {
    const { scene, analysis } = istioScene();
    setVariable(scene, 'service', 'checkout');
    analysis.rebuild();
    const rows = analysis.state.charts?.state.children as SceneFlexItem[];
    expect(rows).toHaveLength(1 + Math.ceil(DEFAULT_CANARY_METRICS.length / 2));
  });
});
