// The Forecasts row: request rate and p95 latency per service through the app's forecast panel,
// with a horizon that follows the time range.
import { type SceneObject, SceneQueryRunner, type VizPanel, sceneGraph } from '@grafana/scenes';

import { PROMETHEUS_DS_REF } from '../../constants';
import { forecastPanel } from '../../panels/forecast/scene';
import type { ForecastPanelOptions } from '../../panels/forecast/types';
import type { TrendsQueries } from '../../queries/trends';
import { legendFor, rangeQuery } from '../shared/sceneParts';

import { forecastHorizon } from './horizon';

export const FORECAST_CONFIDENCE = 0.95;
/** Enough points for daily seasonality over a week at a 15-minute step, few enough to fit fast. */
export const FORECAST_MAX_DATA_POINTS = 700;

const BAND_EXPLAINED =
  'The line past the last sample is the forecast; the shaded band is the 95 % prediction interval: ' +
  'if the model holds, 19 of 20 future values land inside it, so a wide band means a less predictable series. ' +
  'The model (linear, robust linear or seasonal MSTL) is picked per series by its error on held-out recent data; ' +
  'the tooltip names it. The forecast reaches a quarter of the time range ahead, at most 2 days. ' +
  'Red markers: values above a band twice as wide and at least 20 % above the forecast, for at least two points ' +
  'in a row, so daily peaks the model expects are not flagged but a latency spike or a traffic surge is.';

/**
 * Only what an operator would page on: more traffic or slower responses than the model expects
 * (a quiet night is not an incident), outside a band twice as wide as the 95 % interval (about
 * 4 standard errors, so a fit that misses daily peaks a little does not flag them), for two points
 * in a row (half an hour at the page's ~15-minute step). Not longer: the demo's latency incidents,
 * the kind worth flagging, last about that long. And at least 20 % above the forecast: p95 latency
 * is smooth, its band a few milliseconds wide, and without that floor a 5–10 % drift of a daily
 * trough was "40x the band" and flagged twenty times a week.
 */
export const TRENDS_ANOMALY_RULES: ForecastPanelOptions['anomalies'] = {
  direction: 'above',
  sensitivity: 0.5,
  minDurationPoints: 2,
  minDeviationPercent: 20,
};

export interface ForecastRow {
  requestRate: VizPanel<ForecastPanelOptions>;
  p95: VizPanel<ForecastPanelOptions>;
}

function panel(expr: string, legend: string, title: string, description: string, unit: string, horizon: string) {
  const runner = new SceneQueryRunner({
    datasource: PROMETHEUS_DS_REF,
    queries: [rangeQuery('A', expr, legend)],
    maxDataPoints: FORECAST_MAX_DATA_POINTS,
  });
  return forecastPanel(runner, {
    title,
    description: `${description} ${BAND_EXPLAINED}`,
    options: {
      model: { kind: 'auto', periods: '' },
      forecast: { horizon, confidence: FORECAST_CONFIDENCE, trainingWindow: '' },
      anomalies: TRENDS_ANOMALY_RULES,
    },
    fieldConfig: { defaults: { unit, min: 0 }, overrides: [] },
  });
}

export function buildForecastRow(q: TrendsQueries, initialHorizon: string): ForecastRow {
  const legend = legendFor(q.serviceLabel);
  return {
    requestRate: panel(
      q.requestRate,
      legend,
      'Request rate forecast',
      'Requests per second per service.',
      'reqps',
      initialHorizon
    ),
    p95: panel(
      q.p95,
      legend,
      'p95 latency forecast',
      '95th percentile request duration per service.',
      's',
      initialHorizon
    ),
  };
}

function setHorizon(panelObject: VizPanel<ForecastPanelOptions>, horizon: string): void {
  const { options } = panelObject.state;
  if (options.forecast?.horizon !== horizon) {
    // setState, not onOptionsChange: the latter applies plugin defaults and needs the plugin loaded,
    // which it is not until the panel first renders.
    panelObject.setState({ options: { ...options, forecast: { ...options.forecast, horizon } } });
  }
}

/**
 * Scene behaviour: keeps the forecast panels' horizon at a quarter of the time range (1 day for the
 * default 7 days), so a short range is not forecast days ahead and a long one not just minutes.
 */
export function followTimeRangeHorizon(panels: ReadonlyArray<VizPanel<ForecastPanelOptions>>) {
  return (scene: SceneObject) => {
    const timeRange = sceneGraph.getTimeRange(scene);
    const apply = () => {
      const { from, to } = timeRange.state.value;
      const { duration } = forecastHorizon(to.valueOf() - from.valueOf());
      panels.forEach((p) => setHorizon(p, duration));
    };
    apply();
    const sub = timeRange.subscribeToState(apply);
    return () => sub.unsubscribe();
  };
}
