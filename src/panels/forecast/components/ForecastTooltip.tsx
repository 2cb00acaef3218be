import { css } from '@emotion/css';
import { dateTimeFormat, formattedValueToString, type GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { SeriesTable, useStyles2 } from '@grafana/ui';
import React from 'react';

import type { AnalysisResult } from '../../../analytics';
import type { ChartModel } from '../chartFrame';
import type { PanelSeries } from '../frames';
import { testIds } from '../testIds';

interface Props {
  model: ChartModel;
  series: PanelSeries[];
  results: Map<string, AnalysisResult>;
  dataIdx: number;
  /** The uPlot series under the cursor, if any: then only its series is listed. */
  hoveredField: number | null;
  timeZone: TimeZone;
}

/** Above this many series, list only the hovered one so the tooltip stays readable. */
const MAX_ROWS = 8;

export function ForecastTooltip({ model, series, results, dataIdx, hoveredField, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  const time = model.frame.fields[0].values[dataIdx] as number;
  const hoveredSeries = hoveredField !== null ? model.fields[hoveredField]?.seriesIndex : undefined;
  const rows = [];
  const reasons: string[] = [];
  let listed = 0;

  for (let f = 1; f < model.frame.fields.length && listed < MAX_ROWS; f++) {
    const info = model.fields[f];
    if (!info || (hoveredSeries !== undefined && info.seriesIndex !== hoveredSeries)) {
      continue;
    }
    const field = model.frame.fields[f];
    const value = field.values[dataIdx];
    if (value === null || value === undefined || info.role === 'anomalies') {
      continue;
    }
    const text = field.display ? formattedValueToString(field.display(value)) : String(value);
    rows.push({
      color: field.config.color?.fixedColor,
      label: field.config.displayNameFromDS ?? field.name,
      value: text,
      isActive: f === hoveredField,
    });
    if (info.role === 'history') {
      listed++;
      const reason = anomalyReasonAt(results.get(series[info.seriesIndex].id), time, model.bucketMs);
      if (reason) {
        reasons.push(`${series[info.seriesIndex].name}: ${reason}`);
      }
    }
  }

  return (
    <div className={styles.wrapper} data-testid={testIds.tooltip}>
      <SeriesTable timestamp={dateTimeFormat(time, { timeZone })} series={rows} />
      {reasons.map((reason) => (
        <div key={reason} className={styles.reason}>
          {reason}
        </div>
      ))}
    </div>
  );
}

/**
 * Grid slots are up to one bucket away from the raw points, so match intervals loosely. A series the
 * engine could not model can still have rolling-MAD anomalies, which are explained the same way.
 */
function anomalyReasonAt(result: AnalysisResult | undefined, timeMs: number, bucketMs: number): string | undefined {
  const slack = Math.max(bucketMs, result?.ok ? result.forecast.stepMs : 0);
  const hit = result?.anomalies?.find((a) => timeMs >= a.startMs - slack && timeMs <= a.endMs + slack);
  return hit?.reason;
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    padding: theme.spacing(1),
    maxWidth: 480,
  }),
  reason: css({
    // Grafana's tooltip container does not wrap; a reason longer than the table would overflow it.
    whiteSpace: 'normal',
    overflowWrap: 'break-word',
    color: theme.colors.error.text,
    marginTop: theme.spacing(0.5),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
