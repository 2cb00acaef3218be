import type { DataQueryError } from '@grafana/data';

import { formatPercent, type AnalysisResult, type CannotModel, type CapacityEstimate } from '../../analytics';

import type { ExtractedSeries, PanelSeries } from './frames';
import type { ForecastPanelOptions } from './types';

export type NoticeSeverity = 'error' | 'warning' | 'info';

/** Text only: every string here is rendered as a React text node, never as HTML. */
export interface PanelNotice {
  severity: NoticeSeverity;
  title: string;
  detail?: string;
}

/** What replaces the chart when there is nothing to draw. */
export function describeBlockingState(
  errors: DataQueryError[] | undefined,
  extracted: ExtractedSeries
): PanelNotice | undefined {
  const hasSeries = extracted.series.length > 0;
  if (errors?.length && !hasSeries) {
    return { severity: 'error', title: 'The data source returned an error', detail: errorText(errors) };
  }
  if (!hasSeries && extracted.framesWithoutTime > 0) {
    return {
      severity: 'info',
      title: 'No time field in the query result',
      detail: 'This panel forecasts over time. Use a range query (Prometheus "Range", Elasticsearch "Date histogram").',
    };
  }
  if (!hasSeries) {
    return {
      severity: 'info',
      title: 'No data',
      detail: 'The query returned no numeric series. Check the query and widen the time range.',
    };
  }
  return undefined;
}

/** Shown above the chart when something went wrong for some but not all series. */
export function describePartialState(
  errors: DataQueryError[] | undefined,
  series: PanelSeries[],
  results: Map<string, AnalysisResult>
): PanelNotice[] {
  const notices: PanelNotice[] = [];
  if (errors?.length) {
    notices.push({ severity: 'warning', title: 'Some queries failed', detail: errorText(errors) });
  }
  const failed = series.filter((s) => {
    const r = results.get(s.id);
    return r !== undefined && !r.ok;
  });
  if (failed.length === 0) {
    return notices;
  }
  const lines = failed.map((s) => {
    const r = results.get(s.id)!;
    return `${s.name}: ${r.ok ? '' : cannotModelText(r.error, countPoints(s))}`;
  });
  const title =
    failed.length === series.length
      ? failed.length === 1
        ? 'The series could not be modelled'
        : `None of the ${series.length} series could be modelled`
      : `${failed.length} of ${series.length} series could not be modelled; the others are shown`;
  notices.push({ severity: failed.length === series.length ? 'error' : 'warning', title, detail: lines.join('\n') });
  return notices;
}

/**
 * The key to what the panel draws besides the data, shown with the legend. Grafana's legend lists the
 * queried series, and its entries must keep their names (a click on one hides that series through a
 * field override matched by name), so the model behind the dashed line, the band and the red markers
 * is explained here: one line, with the details in its tooltip.
 */
export function describeModelKey(
  series: PanelSeries[],
  results: Map<string, AnalysisResult>,
  options: Pick<ForecastPanelOptions, 'display' | 'forecast' | 'anomalies'>,
  running: boolean
): PanelNotice {
  const { showBand, showFitted, showAnomalies } = options.display;
  const models = new Map<string, number>();
  const perSeries: string[] = [];
  let anomalies = 0;
  for (const s of series) {
    const r = results.get(s.id);
    anomalies += r?.anomalies?.length ?? 0;
    if (r?.ok) {
      const { label, why } = r.forecast.model;
      models.set(label, (models.get(label) ?? 0) + 1);
      perSeries.push(`${s.name}: ${label}.${why ? ` ${why}` : ''}`);
    }
  }
  const model =
    models.size === 1 ? Array.from(models.keys())[0] : models.size > 1 ? `${models.size} models` : 'modelling…';
  const title = [
    `Forecast (dashed): ${model}`,
    showBand ? 'band (shaded)' : undefined,
    showFitted ? 'fit (dotted)' : undefined,
    showAnomalies && !running ? `${anomalies} ${anomalies === 1 ? 'anomaly' : 'anomalies'} (red)` : undefined,
  ];
  const level = formatPercent(options.forecast.confidence);
  const detail = [
    `The dashed line continues each series for the forecast horizon (${options.forecast.horizon}).`,
    showBand
      ? `The shaded band is where ${level} of future points are expected if the series keeps behaving as in its history.`
      : undefined,
    showFitted ? 'The dotted line is the model fitted to the history.' : undefined,
    showAnomalies
      ? 'Red points are anomalies: departures rarer than this series itself usually produces (ranked against its own ' +
        'recent errors, so a sensitivity means the same false-alarm rate on every series). Flags on the newest points ' +
        'are "live", judged only on the points before them; older ones are "in the range". Hover one to see which and why.'
      : undefined,
    // Why each series got its model; with many series, how many got which.
    perSeries.length <= MAX_KEY_SERIES
      ? perSeries.join('\n')
      : Array.from(models, ([label, n]) => `${label}: ${n} series`).join('\n'),
  ];
  return {
    severity: 'info',
    title: title.filter(Boolean).join(' · '),
    detail: detail.filter(Boolean).join('\n\n'),
  };
}

const MAX_KEY_SERIES = 5;

/** The engine's reason, with the action the user can take in this panel. */
export function cannotModelText(error: CannotModel, observedPoints: number): string {
  switch (error.code) {
    case 'too-short':
      return `needs at least ${error.minPoints ?? 'more'} points, has ${observedPoints} — widen the time range`;
    case 'constant':
      return 'the series is constant, so there is nothing to forecast beyond its value';
    case 'all-missing':
    case 'empty':
      return 'the series has no values in this time range';
    default:
      return error.reason;
  }
}

export function countPoints(series: PanelSeries): number {
  let n = 0;
  for (const v of series.values) {
    if (v !== null) {
      n++;
    }
  }
  return n;
}

function errorText(errors: DataQueryError[]): string {
  return errors
    .map((e) =>
      [e.refId ? `${e.refId}:` : '', e.message ?? e.data?.message ?? 'unknown error', e.status ? `(${e.status})` : '']
        .filter(Boolean)
        .join(' ')
    )
    .join('\n');
}

/**
 * "crosses 90 %: likely in ~6 d (4–9 d)" — times counted from the last observed point. With one bound
 * only, it is named ("earliest 2 d"): a bare "(from 2 d)" was read as a start time.
 */
export function capacityText(estimate: CapacityEstimate, fromMs: number, formatValue: (v: number) => string): string {
  const threshold = formatValue(estimate.threshold);
  switch (estimate.status) {
    case 'already-over':
      return `already above ${threshold}`;
    case 'not-within-horizon':
      return `does not reach ${threshold} within the forecast`;
    case 'cannot-model':
      return `no capacity estimate: ${estimate.reason}`;
    case 'crosses': {
      const likely = estimate.likelyMs ?? estimate.earliestMs;
      if (likely === undefined) {
        return `crosses ${threshold} within the forecast`;
      }
      const text = `crosses ${threshold}: likely in ~${shortDuration(likely - fromMs)}`;
      const { earliestMs, latestMs } = estimate;
      if (latestMs !== undefined) {
        // Both ends in one unit; a range that rounds to one number adds nothing.
        const range = durationRange((earliestMs ?? likely) - fromMs, latestMs - fromMs);
        return /^(.+)–\1 /.test(range) ? text : `${text} (${range})`;
      }
      return earliestMs !== undefined && earliestMs !== likely
        ? `${text}, earliest ${shortDuration(earliestMs - fromMs)}`
        : text;
    }
  }
}

const UNITS: Array<[number, string]> = [
  [7 * 86400e3, 'w'],
  [86400e3, 'd'],
  [3600e3, 'h'],
  [60e3, 'min'],
  [1e3, 's'],
];

function unitFor(ms: number): [number, string] {
  return UNITS.find(([size]) => ms >= size * 1.5) ?? UNITS[UNITS.length - 1];
}

/** Rounded to the largest unit that gives a number ≥ 1.5: "6 d", "36 h", "40 min". */
export function shortDuration(ms: number): string {
  const abs = Math.max(0, ms);
  const [size, unit] = unitFor(abs);
  return `${Math.round(abs / size)} ${unit}`;
}

/**
 * Both ends in the unit of the later one, so "4–9 d" reads as one range; with one decimal when
 * whole units would hide the spread ("3.6–4.3 d"), and "<1" when the early end is very close.
 */
export function durationRange(fromMs: number, toMs: number): string {
  const [size, unit] = unitFor(Math.max(0, toMs));
  const lo = Math.max(0, fromMs) / size;
  const hi = Math.max(0, toMs) / size;
  const decimals = Math.round(lo) === Math.round(hi) && hi - lo >= 0.05 ? 1 : 0;
  const fmt = (n: number) => (decimals ? n.toFixed(1) : String(Math.round(n)));
  return `${fmt(lo) === '0' ? '<1' : fmt(lo)}–${fmt(hi)} ${unit}`;
}
