// Charts of the Canary Analysis page. They all read the page's one sample runner (the statistics
// judge exactly what the charts show) and pick their queries by refId.
import { type DataFrame, FieldColorModeId } from '@grafana/data';
import { PanelBuilders, SceneDataTransformer, SceneFlexItem, SceneFlexLayout, type VizPanel } from '@grafana/scenes';
import { BigValueColorMode, BigValueGraphMode, BigValueTextMode } from '@grafana/schema';
import { map } from 'rxjs';

import { CANARY_GROUPS, type CanaryQueries } from '../../queries/canary';
import type { CanaryPageMetric } from '../../settings/canary';
import { type PromQuery, rangeQuery } from '../shared/sceneParts';

import { sampleRefId } from './canaryData';

export const TRAFFIC_SHARE_REF = 'traffic__share';

/** Queries the charts add to the sample runner: the traffic share and each group's request rate. */
export function chartQueries(q: CanaryQueries): PromQuery[] {
  return [
    rangeQuery(TRAFFIC_SHARE_REF, q.trafficShare),
    ...CANARY_GROUPS.map((g) => rangeQuery(sampleRefId(g, 'rate'), q.groups[g].requestRate)),
  ];
}

/** Keeps the frames of `names` (refId → legend) and names their value fields after the group. */
export function pickFrames(frames: DataFrame[], names: Readonly<Record<string, string>>): DataFrame[] {
  return frames
    .filter((f) => f.refId !== undefined && f.refId in names)
    .map((f) => ({
      ...f,
      fields: f.fields.map((field) =>
        field.type === 'number' ? { ...field, config: { ...field.config, displayNameFromDS: names[f.refId as string] } } : field
      ),
    }));
}

function framesOf(names: Readonly<Record<string, string>>): SceneDataTransformer {
  return new SceneDataTransformer({
    transformations: [() => (source) => source.pipe(map((frames: DataFrame[]) => pickFrames(frames, names)))],
  });
}

function groupNames(metric: string): Record<string, string> {
  return { [sampleRefId('canary', metric)]: 'canary', [sampleRefId('baseline', metric)]: 'baseline' };
}

function trafficPanels(): VizPanel[] {
  return [
    PanelBuilders.timeseries()
      .setTitle('Traffic split')
      .setDescription("The canary's share of the two groups' requests over time (Istio request share).")
      .setData(framesOf({ [TRAFFIC_SHARE_REF]: 'canary share' }))
      .setUnit('percentunit')
      .setMin(0)
      .build(),
    PanelBuilders.timeseries()
      .setTitle('Request volume')
      .setDescription('Requests per second reaching the canary and the baseline. Too little canary traffic makes any verdict a guess.')
      .setData(framesOf(groupNames('rate')))
      .setUnit('reqps')
      .setMin(0)
      .build(),
  ];
}

function metricPanel(m: CanaryPageMetric): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle(`${m.label}: canary vs baseline`)
    .setDescription(
      m.kind === 'quantile'
        ? "One sample per query step for each group. A step's quantile of a quiet canary rests on a few requests and reads high, so the results table compares the quantile of all the window's requests (pooled histogram buckets) instead."
        : 'One sample per query step for each group; the results table compares these samples.'
    )
    .setData(framesOf(groupNames(m.id)))
    .setUnit(m.grafanaUnit)
    .build();
}

/**
 * Whole counts, each named (canary, baseline), in the text colour: the stat panel's default green
 * would read as "good", and a count is neither good nor bad until the test compares rates.
 */
function errorCountPanel(): VizPanel {
  return PanelBuilders.stat()
    .setTitle('Errors in the window')
    .setDescription(
      '5xx responses over the whole analysis window, judged by the exact count test. Compare them with each group\'s request volume: the canary usually serves fewer requests.'
    )
    .setData(framesOf(groupNames('errors')))
    .setUnit('short')
    .setDecimals(0)
    .setColor({ mode: FieldColorModeId.Fixed, fixedColor: 'text' })
    .setOption('textMode', BigValueTextMode.ValueAndName)
    .setOption('colorMode', BigValueColorMode.None)
    .setOption('graphMode', BigValueGraphMode.None)
    .build();
}

/** The traffic row, then the metric charts two per row. */
export function buildCanaryCharts(metrics: readonly CanaryPageMetric[]): SceneFlexLayout {
  const panels = metrics.map((m) => (m.id === 'error-count' ? errorCountPanel() : metricPanel(m)));
  const rows: SceneFlexItem[] = [
    new SceneFlexItem({
      height: 240,
      body: new SceneFlexLayout({ direction: 'row', children: trafficPanels().map((body) => new SceneFlexItem({ body })) }),
    }),
  ];
  for (let i = 0; i < panels.length; i += 2) {
    rows.push(
      new SceneFlexItem({
        height: 240,
        body: new SceneFlexLayout({ direction: 'row', children: panels.slice(i, i + 2).map((body) => new SceneFlexItem({ body })) }),
      })
    );
  }
  return new SceneFlexLayout({ direction: 'column', children: rows });
}
