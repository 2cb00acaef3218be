// One pattern for scene objects that turn a query result into a view (traces-drilldown keeps its
// state views in components/states; the subscription and the "which phase is this data in" rule live
// here so the five views on the pages stop re-implementing them).
import { LoadingState, type PanelData } from '@grafana/data';
import { SceneObjectBase, type SceneObjectState, sceneGraph } from '@grafana/scenes';

/** Where a query result stands, before a view looks at its frames. */
export type QueryPhase =
  | { kind: 'loading' }
  /** `data` is kept: with several queries one can fail while the others still returned series. */
  | { kind: 'error'; message: string; data: PanelData }
  | { kind: 'ready'; data: PanelData };

/** Runner result → phase. `fallbackError` names the data source when the error carries no message. */
export function queryPhase(data: PanelData | undefined, fallbackError: string): QueryPhase {
  if (
    !data ||
    data.state === undefined ||
    data.state === LoadingState.Loading ||
    data.state === LoadingState.NotStarted
  ) {
    return { kind: 'loading' };
  }
  if (data.state === LoadingState.Error) {
    const message = data.errors?.find((e) => e.message)?.message ?? fallbackError;
    return { kind: 'error', message, data };
  }
  return { kind: 'ready', data };
}

/** A phase that is not ready as a view's state: loading, or the error's message. */
export function pendingView(
  phase: Exclude<QueryPhase, { kind: 'ready' }>
): { kind: 'loading' } | { kind: 'error'; message: string } {
  return phase.kind === 'error' ? { kind: 'error', message: phase.message } : phase;
}

/**
 * A scene object whose view is derived from its data provider's results. On activation it runs
 * `onActivateView` (read variables first), then hands every new result, and the one already there,
 * to `onData`. Work started from a result (a worker estimate, a judgement) takes its signal from
 * `startWork()`: a newer result, or leaving the page, aborts it, so a slow answer to an old query can
 * never overwrite the state of a newer one.
 */
export abstract class QueryViewScene<TState extends SceneObjectState> extends SceneObjectBase<TState> {
  private _work?: AbortController;

  constructor(state: TState) {
    super(state);
    this.addActivationHandler(() => {
      this.onActivateView();
      const provider = sceneGraph.getData(this);
      this._subs.add(
        provider.subscribeToState((next, prev) => {
          if (next.data !== prev.data) {
            void this.onData(next.data);
          }
        })
      );
      if (provider.state.data) {
        void this.onData(provider.state.data);
      }
      return () => this.abortWork();
    });
  }

  /** A new result arrived (or the view was activated with one already there). */
  abstract onData(data: PanelData | undefined): Promise<void> | void;

  /** Runs on activation before the first `onData`; override to read variables into state. */
  protected onActivateView(): void {}

  /** Aborts the previous work and returns the signal for the next. */
  protected startWork(): AbortSignal {
    this.abortWork();
    this._work = new AbortController();
    return this._work.signal;
  }

  /** Aborts in-flight work, e.g. when a newer query is loading. */
  protected abortWork(): void {
    this._work?.abort();
    this._work = undefined;
  }
}
