import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, type SceneQueryRunner } from '@grafana/scenes';

import { DataStatusBanner } from '../../components/DataStatusBanner/DataStatusBanner';
import { VAR_SERVICE_EXPR } from '../../constants';
import { trendsQueries } from '../../queries/trends';
import type { AppSettings } from '../../settings/resolve';
import { deployMarkers } from '../shared/deployMarkers';
import { makeControls, makeTimeRange } from '../shared/sceneParts';

import { CapacityEstimates } from './CapacityEstimates';
import { buildForecastRow, followTimeRangeHorizon } from './forecastPanels';
import { forecastHorizon } from './horizon';
import { LongTermTrendsScene } from './LongTermTrends';
import { SeasonalityProfileScene } from './SeasonalityProfile';
import { StoreCaption, followStoreForRange } from './storeSwitch';
import { makeTrendsVariables } from './trendsVariables';

/** Capacity questions are about days, so the page opens on a week. */
export const TRENDS_TIME_RANGE = { from: 'now-7d', to: 'now' } as const;
const WEEK_MS = 7 * 86_400_000;

/**
 * The Trends & Capacity root scene: it owns the time range, the `ds`, `service` and `threshold`
 * variables and the controls; forecasts, time to exhaustion and seasonality sit below.
 */
export function buildTrendsScene(settings: AppSettings): EmbeddedScene {
  const q = trendsQueries(settings.convention);
  const forecasts = buildForecastRow(q, forecastHorizon(WEEK_MS).duration);
  const caption = new StoreCaption({ text: '', tone: 'secondary' });
  const runners = [
    { runner: forecasts.requestRate.state.$data as SceneQueryRunner, measure: 'requestRate' as const },
    { runner: forecasts.p95.state.$data as SceneQueryRunner, measure: 'p95' as const },
  ];
  return new EmbeddedScene({
    $timeRange: makeTimeRange(TRENDS_TIME_RANGE),
    $variables: makeTrendsVariables(settings.convention, settings.prometheusUid),
    $data: deployMarkers({ kind: 'variable', variable: VAR_SERVICE_EXPR }),
    $behaviors: [
      followTimeRangeHorizon([forecasts.requestRate, forecasts.p95]),
      followStoreForRange(settings, runners, caption),
    ],
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({
          body: new DataStatusBanner({
            convention: settings.convention,
            datasourceConfigured: Boolean(settings.prometheusUid),
          }),
        }),
        new SceneFlexItem({ body: caption }),
        new SceneFlexItem({
          height: 380,
          body: new SceneFlexLayout({
            direction: 'row',
            children: [new SceneFlexItem({ body: forecasts.requestRate }), new SceneFlexItem({ body: forecasts.p95 })],
          }),
        }),
        new SceneFlexItem({ body: new CapacityEstimates({ queries: q }) }),
        new SceneFlexItem({ body: new SeasonalityProfileScene({ expr: q.seasonalityRate }) }),
        new SceneFlexItem({ body: new LongTermTrendsScene({ settings }) }),
      ],
    }),
  });
}
