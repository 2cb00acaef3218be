// Stand-in for Grafana's core bar chart panel: plain themed bars, one group per x value (the first
// string field), one bar per number field, with the field's own display processor for the labels.
import { css } from '@emotion/css';
import { type Field, FieldType, type GrafanaTheme2, type PanelProps, formattedValueToString } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import React from 'react';

import { NoData } from './NoData';

const AXIS_PX = 56;
const LEGEND_PX = 24;

export function BarChartStandIn({ data, width, height }: PanelProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const frame = data.series[0];
  const x = frame?.fields.find((f) => f.type === FieldType.string) ?? frame?.fields[0];
  const bars = frame?.fields.filter((f) => f.type === FieldType.number) ?? [];
  if (!frame || !x || !bars.length || !frame.length) {
    return <NoData />;
  }
  const max = Math.max(...bars.flatMap((f) => f.values.filter((v): v is number => Number.isFinite(v))), 0) || 1;
  const plotHeight = Math.max(10, height - AXIS_PX - LEGEND_PX);
  const colour = (i: number) => theme.visualization.getColorByName(theme.visualization.palette[i % 10]);
  const show = (f: Field, v: number) => (f.display ? formattedValueToString(f.display(v)) : String(v));

  return (
    <div style={{ width, height }} className={styles.root}>
      <div className={styles.plot} style={{ height: plotHeight }}>
        <span className={styles.max}>{show(bars[0], max)}</span>
        {x.values.map((label, row) => (
          <div key={row} className={styles.group}>
            {bars.map((f, i) => (
              <div
                key={f.name}
                title={`${label}: ${show(f, f.values[row])}`}
                className={styles.bar}
                style={{ height: `${(100 * (Number(f.values[row]) || 0)) / max}%`, background: colour(i) }}
              />
            ))}
          </div>
        ))}
      </div>
      <div className={styles.labels}>
        {x.values.map((label, row) => (
          <span key={row}>{String(label)}</span>
        ))}
      </div>
      <div className={styles.legend}>
        {bars.map((f, i) => (
          <span key={f.name}>
            <i style={{ background: colour(i) }} /> {f.config.displayName ?? f.config.displayNameFromDS ?? f.name}
          </span>
        ))}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', fontSize: theme.typography.bodySmall.fontSize }),
  plot: css({
    position: 'relative',
    display: 'flex',
    alignItems: 'flex-end',
    gap: 2,
    paddingLeft: AXIS_PX,
    borderBottom: `1px solid ${theme.colors.border.medium}`,
  }),
  max: css({ position: 'absolute', left: 0, top: 0, color: theme.colors.text.secondary }),
  group: css({ flex: 1, display: 'flex', alignItems: 'flex-end', height: '100%', gap: 1 }),
  bar: css({ flex: 1, minHeight: 1 }),
  labels: css({
    display: 'flex',
    paddingLeft: AXIS_PX,
    color: theme.colors.text.secondary,
    span: { flex: 1, textAlign: 'center', overflow: 'hidden', whiteSpace: 'nowrap' },
  }),
  legend: css({
    display: 'flex',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
    i: { display: 'inline-block', width: 14, height: 4, verticalAlign: 'middle' },
  }),
});
