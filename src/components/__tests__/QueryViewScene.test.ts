import { LoadingState, type PanelData, dateTime } from '@grafana/data';
import { SceneDataNode, type SceneObjectState } from '@grafana/scenes';

import { QueryViewScene, queryPhase } from '../QueryViewScene';

const timeRange = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } };
const data = (state: LoadingState, extra: Partial<PanelData> = {}): PanelData => ({
  state,
  series: [],
  timeRange,
  ...extra,
});

describe('queryPhase', () => {
  test.each<[string, PanelData | undefined, string]>([
    ['no result', undefined, 'loading'],
    ['not started', data(LoadingState.NotStarted), 'loading'],
    ['loading', data(LoadingState.Loading), 'loading'],
    ['done', data(LoadingState.Done), 'ready'],
    ['streaming', data(LoadingState.Streaming), 'ready'],
    ['error', data(LoadingState.Error), 'error'],
  ])('%s -> %s', (_name, input, kind) => {
    expect(queryPhase(input, 'fallback').kind).toBe(kind);
  });

  test.each<[string, Partial<PanelData>, string]>([
    ['the first message', { errors: [{ message: 'bad_data' }, { message: 'second' }] }, 'bad_data'],
    ['skipping an empty message', { errors: [{ message: '' }, { message: 'timeout' }] }, 'timeout'],
    ['the fallback when nothing says why', {}, 'fallback'],
  ])('an error carries %s', (_name, extra, message) => {
    expect(queryPhase(data(LoadingState.Error, extra), 'fallback')).toMatchObject({ kind: 'error', message });
  });
});

interface ProbeState extends SceneObjectState {
  seen: string[];
  threshold?: number;
}

/** Records the order of calls and keeps the signal of its last piece of work. */
class Probe extends QueryViewScene<ProbeState> {
  signals: AbortSignal[] = [];

  protected onActivateView(): void {
    this.setState({ threshold: 0.9, seen: [...this.state.seen, 'activate'] });
  }

  onData(input: PanelData | undefined): void {
    const phase = queryPhase(input, 'fallback');
    this.setState({ seen: [...this.state.seen, `${phase.kind}@${this.state.threshold}`] });
    if (phase.kind === 'ready') {
      this.signals.push(this.startWork());
    }
  }
}

describe('QueryViewScene', () => {
  test('reads variables first, replays the result already there, then follows new results', () => {
    const node = new SceneDataNode({ data: data(LoadingState.Done) });
    const probe = new Probe({ seen: [], $data: node });
    const deactivate = probe.activate();
    node.setState({ data: data(LoadingState.Loading) });
    node.setState({ data: data(LoadingState.Error) });
    expect(probe.state.seen).toEqual(['activate', 'ready@0.9', 'loading@0.9', 'error@0.9']);
    deactivate();
  });

  test('new work aborts the previous work, and leaving the page aborts the last', () => {
    const node = new SceneDataNode({ data: data(LoadingState.Done) });
    const probe = new Probe({ seen: [], $data: node });
    const deactivate = probe.activate();
    node.setState({ data: data(LoadingState.Done) });
    expect(probe.signals.map((s) => s.aborted)).toEqual([true, false]);
    deactivate();
    expect(probe.signals.map((s) => s.aborted)).toEqual([true, true]);
    node.setState({ data: data(LoadingState.Done) });
    expect(probe.signals).toHaveLength(2);
  });
});
