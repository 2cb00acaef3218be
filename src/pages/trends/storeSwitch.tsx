// The range-based switch of the Trends forecasts: a range within Prometheus' retention reads
// Prometheus; a longer one reads the long-term store through the long-range catalogue (aggregates
// at a step that keeps each series under the point limit), and the caption says which answered.
import {
  type SceneComponentProps,
  type SceneObject,
  type SceneObjectState,
  SceneObjectBase,
  type SceneQueryRunner,
  sceneGraph,
} from '@grafana/scenes';
import { Text } from '@grafana/ui';
import React from 'react';

import { testIds } from '../../components/testIds';
import { PROMETHEUS_DS_REF } from '../../constants';
import { type LongRangeMeasure, longRangeQuery, longRangeStep } from '../../queries/longRange';
import type { AppSettings } from '../../settings/resolve';
import { legendFor, rangeQuery } from '../shared/sceneParts';

import { FORECAST_MAX_DATA_POINTS } from './forecastPanels';
import { chooseStore, describeSource } from './storeChoice';

export interface StoreCaptionState extends SceneObjectState {
  text: string;
  /** 'warning' when the range needs a long-term store that is not configured. */
  tone: 'secondary' | 'warning';
}

/** One line under the controls: which store the forecasts read, and why. */
export class StoreCaption extends SceneObjectBase<StoreCaptionState> {
  static Component = ({ model }: SceneComponentProps<StoreCaption>) => {
    const { text, tone } = model.useState();
    return (
      <Text color={tone} data-testid={testIds.trends.storeCaption}>
        {text}
      </Text>
    );
  };
}

function days(seconds: number): string {
  return `${Math.round(seconds / 86_400)} days`;
}

/**
 * Scene behaviour: on every time range change, points each forecast runner at the store that holds
 * the range, re-running only when that changes.
 */
export function followStoreForRange(
  settings: AppSettings,
  runners: ReadonlyArray<{ runner: SceneQueryRunner; measure: LongRangeMeasure }>,
  caption: StoreCaption
) {
  const original = runners.map(({ runner }) => ({
    datasource: runner.state.datasource,
    queries: runner.state.queries,
  }));
  return (scene: SceneObject) => {
    const timeRange = sceneGraph.getTimeRange(scene);
    const apply = () => {
      const { from, to } = timeRange.state.value;
      const rangeSeconds = (to.valueOf() - from.valueOf()) / 1000;
      const retention = days(settings.shortTermRetentionSeconds);
      const choice = chooseStore(rangeSeconds, settings.shortTermRetentionSeconds, settings.longTermUid);
      let source = 'raw';
      runners.forEach(({ runner, measure }, i) => {
        let next = original[i];
        if (choice.kind === 'long-term') {
          const step = longRangeStep(rangeSeconds, FORECAST_MAX_DATA_POINTS);
          const q = longRangeQuery(settings.convention, measure, step, { useAggregates: true });
          source = q.source;
          next = {
            datasource: { type: PROMETHEUS_DS_REF.type, uid: choice.uid },
            // `interval` is Grafana's minimum step: never finer than the aggregate's resolution.
            queries: [{ ...rangeQuery('A', q.expr, legendFor(q.seriesLabel)), interval: `${step}s` }],
          };
        }
        if (
          JSON.stringify(next) !==
          JSON.stringify({ datasource: runner.state.datasource, queries: runner.state.queries })
        ) {
          runner.setState(next);
          if (runner.isActive) {
            runner.runQueries();
          }
        }
      });
      caption.setState(
        choice.kind === 'long-term'
          ? {
              text: `Forecasts read the ${describeSource(choice, source)}: the range is longer than Prometheus keeps (${retention}).`,
              tone: 'secondary',
            }
          : choice.kind === 'long-term-missing'
            ? {
                text: `The range is longer than Prometheus keeps (${retention}) and no long-term store is configured: the forecasts show only what Prometheus still has. Pick a long-term store in the app configuration.`,
                tone: 'warning',
              }
            : { text: `Forecasts read Prometheus (the range is within its ${retention}).`, tone: 'secondary' }
      );
    };
    apply();
    const sub = timeRange.subscribeToState(apply);
    return () => sub.unsubscribe();
  };
}
