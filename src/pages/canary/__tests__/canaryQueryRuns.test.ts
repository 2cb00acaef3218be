// How often the Canary Analysis page sends its query set. Before the `$__range` window, a refresh
// sent it twice: the runner re-ran the stale queries on the new time range, then the page's own
// time-range subscription rebuilt them and ran them again.
import { type DataQueryRequest, LoadingState, type PanelData, dateTime } from '@grafana/data';
import { setDataSourceSrv, setRunRequest } from '@grafana/runtime';
import {
  CustomVariable,
  EmbeddedScene,
  SceneFlexItem,
  SceneFlexLayout,
  SceneTimeRange,
  SceneVariableSet,
} from '@grafana/scenes';
import { of } from 'rxjs';

import { VAR_SERVICE } from '../../../constants';
import { PRESETS } from '../../../queries/conventions';
import { resolveCanaryConfig } from '../../../settings/canary';
import { CanaryAnalysis } from '../CanaryAnalysis';
import { VAR_SPLIT } from '../canaryVariables';

const requests: DataQueryRequest[] = [];
const fakeDs = {
  uid: 'prom',
  type: 'prometheus',
  meta: { id: 'prometheus' },
  query: () => of({ data: [] }),
  getRef: () => ({ uid: 'prom', type: 'prometheus' }),
};

beforeAll(() => {
  setDataSourceSrv({
    get: async () => fakeDs,
    getInstanceSettings: () => ({ uid: 'prom', type: 'prometheus', meta: { id: 'prometheus' } }),
    getList: () => [],
    reload: async () => undefined,
    registerRuntimeDataSource: () => undefined,
  } as never);
  setRunRequest((_ds, request) => {
    requests.push(request);
    return of<PanelData>({ state: LoadingState.Done, series: [], timeRange: request.range });
  });
});

function activeScene(preset: 'istio' | 'otel', split: string) {
  const convention = PRESETS[preset];
  const timeRange = new SceneTimeRange({ from: 'now-1h', to: 'now' });
  const analysis = new CanaryAnalysis({ convention, config: resolveCanaryConfig() });
  const scene = new EmbeddedScene({
    $timeRange: timeRange,
    $variables: new SceneVariableSet({
      variables: [
        new CustomVariable({ name: VAR_SERVICE, query: 'checkout', value: 'checkout', text: 'checkout' }),
        new CustomVariable({ name: VAR_SPLIT, query: split, value: split, text: split }),
      ],
    }),
    body: new SceneFlexLayout({ children: [new SceneFlexItem({ body: analysis })] }),
  });
  const deactivate = [scene.activate(), analysis.activate()];
  return { timeRange, analysis, stop: () => deactivate.reverse().forEach((d) => d()) };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('Canary Analysis query runs', () => {
  test('one query set per refresh and per time-range change, with the window from $__range', async () => {
    const { timeRange, analysis, stop } = activeScene('istio', 'istio-version');
    await settle();
    expect(requests.length).toBe(1);
    const sent = requests[0].targets as Array<{ refId: string; expr: string }>;
    expect(sent.find((t) => t.refId === 'canary__requests')?.expr).toContain('[$__range]');

    timeRange.onRefresh();
    await settle();
    expect(requests.length).toBe(2);

    const now = Date.now();
    timeRange.onTimeRangeChange({
      from: dateTime(now - 6 * 3600_000),
      to: dateTime(now),
      raw: { from: 'now-6h', to: 'now' },
    });
    await settle();
    expect(requests.length).toBe(3);
    expect(requests[2].targets).toEqual(sent);
    expect(analysis.state.status.kind).not.toBe('selection');
    stop();
  });

  test('an unknown split falls back to the convention default: canary pods for OpenTelemetry, not Istio labels', async () => {
    requests.length = 0;
    const { analysis, stop } = activeScene('otel', 'no-such-split');
    await settle();
    expect(analysis.state.splitDescription).toBe('instance checkout-canary-* vs the other checkout instances');
    const sent = requests[0].targets as Array<{ refId: string; expr: string }>;
    expect(sent.map((t) => t.expr).join('\n')).not.toContain('destination_version');
    stop();
  });
});
