// Deploy markers: one annotation per deployment run of the services in view, on every time series
// chart of a page (version, environment and outcome on hover), toggled from the controls bar. A
// custom data layer rather than Grafana's Prometheus annotation query: that one turns each series'
// samples into events at the query step, while a run is one event at its finish time — the value
// of the catalogue's per-run query, the same one the Deployment Pipeline page counts.
import { css } from '@emotion/css';
import {
  DataTopic,
  type DataQueryRequest,
  type DataQueryResponse,
  FieldType,
  LoadingState,
  type PanelData,
  toDataFrame,
} from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import {
  SafeSerializableSceneObject,
  SceneDataLayerBase,
  SceneDataLayerSet,
  type SceneComponentProps,
  type SceneDataLayerProviderState,
  sceneGraph,
} from '@grafana/scenes';
import { InlineSwitch } from '@grafana/ui';
import React from 'react';
import { from, type Unsubscribable } from 'rxjs';

import type { DeployRunRecord } from '../../analytics';
import { PROMETHEUS_DS_REF } from '../../constants';
import { deployMarkerQuery, type MarkerScope } from '../../queries/deployments';

import { STATUS_TEXT, runsFromFrames } from './deployRuns';
import { instantQuery } from './sceneParts';

export const DEPLOY_MARKER_COLORS = { success: 'green', failure: 'red', rolled_back: 'orange' } as const;

interface DeployMarkersLayerState extends SceneDataLayerProviderState {
  expr: string;
}

/** Runs → Grafana's annotation frame (time, title, text, color, tags). */
export function markerFrame(runs: readonly DeployRunRecord[]) {
  const frame = toDataFrame({
    fields: [
      { name: 'time', type: FieldType.time, values: runs.map((r) => r.finishedAt * 1000) },
      { name: 'title', type: FieldType.string, values: runs.map((r) => `Deploy ${r.service} ${r.version ?? r.runId}`) },
      {
        name: 'text',
        type: FieldType.string,
        values: runs.map(
          (r) =>
            `${r.service} ${r.version ? `version ${r.version}` : `run ${r.runId}`} to ${r.environment}: ${STATUS_TEXT[r.status]}`
        ),
      },
      { name: 'color', type: FieldType.string, values: runs.map((r) => DEPLOY_MARKER_COLORS[r.status]) },
      { name: 'tags', type: FieldType.other, values: runs.map((r) => ['deploy', r.environment, r.status]) },
    ],
  });
  frame.meta = { ...frame.meta, dataTopic: DataTopic.Annotations };
  return frame;
}

export class DeployMarkersLayer extends SceneDataLayerBase<DeployMarkersLayerState> {
  static Component = DeployMarkersToggle;
  private _timeSub?: Unsubscribable;
  /** A newer run supersedes an older one still resolving its data source. */
  private _generation = 0;

  constructor(state: Partial<DeployMarkersLayerState> & { expr: string }) {
    super(
      {
        name: 'Deployments',
        description: 'Show each deployment of the services in view on the charts (version and outcome on hover).',
        isEnabled: true,
        ...state,
      },
      ['expr']
    );
  }

  onEnable(): void {
    this._timeSub = sceneGraph.getTimeRange(this).subscribeToState(() => this.runLayer());
  }

  onDisable(): void {
    this._timeSub?.unsubscribe();
    this.querySub?.unsubscribe();
  }

  protected runLayer(): void {
    this.querySub?.unsubscribe();
    const generation = ++this._generation;
    // What Scenes' own runners pass, so Grafana's template service resolves ${service} on this scene.
    const scopedVars = { __sceneObject: new SafeSerializableSceneObject(this) };
    const request = {
      app: 'codesentinel-deploy-markers',
      requestId: `deploy-markers-${this.state.key}`,
      timezone: 'browser',
      range: sceneGraph.getTimeRange(this).state.value,
      interval: '1m',
      intervalMs: 60_000,
      targets: [{ ...instantQuery('deploys', this.state.expr), datasource: PROMETHEUS_DS_REF }],
      scopedVars,
      startTime: Date.now(),
    } as unknown as DataQueryRequest;
    // Inside the promise, so a data source service that is not there (yet) is an error state, not a throw.
    Promise.resolve()
      .then(() => getDataSourceSrv().get(PROMETHEUS_DS_REF, scopedVars))
      .then(
        (ds) => {
          if (generation !== this._generation) {
            return;
          }
          this.querySub = from(ds.query(request)).subscribe({
            next: (r) => this.publish(r),
            error: (e: unknown) => this.publishError(e),
          });
        },
        (e: unknown) => this.publishError(e)
      );
  }

  private publish(response: DataQueryResponse): void {
    const runs = runsFromFrames(response.data ?? []);
    const data: PanelData = {
      state: LoadingState.Done,
      series: [markerFrame(runs)],
      timeRange: sceneGraph.getTimeRange(this).state.value,
    };
    this.publishResults(data);
  }

  private publishError(e: unknown): void {
    this.publishResults({
      state: LoadingState.Error,
      series: [],
      timeRange: sceneGraph.getTimeRange(this).state.value,
      errors: [{ message: `Deploy markers: ${e instanceof Error ? e.message : String(e)}` }],
    });
  }
}

function DeployMarkersToggle({ model }: SceneComponentProps<DeployMarkersLayer>) {
  const { isEnabled, key } = model.useState();
  return (
    <InlineSwitch
      className={switchStyle}
      id={`data-layer-${key}`}
      value={isEnabled}
      onChange={() => model.setState({ isEnabled: !isEnabled })}
    />
  );
}

const switchStyle = css({ borderBottomLeftRadius: 0, borderTopLeftRadius: 0 });

/**
 * The page's `$data`: its charts' query runners find the layer up the tree and draw its markers.
 * `scope`: a service variable (`${service}`), one service, or every service.
 */
export function deployMarkers(scope: MarkerScope = { kind: 'all' }): SceneDataLayerSet {
  return new SceneDataLayerSet({ layers: [new DeployMarkersLayer({ expr: deployMarkerQuery(scope) })] });
}
