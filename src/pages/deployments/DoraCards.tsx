import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Badge, Icon, Stack, Text, Tooltip, useStyles2 } from '@grafana/ui';
import React from 'react';

import { ALERT_LINK_WINDOW_SECONDS, type DoraBand, type DoraMeasure, type DoraSummary } from '../../analytics';
import { testIds } from '../../components/testIds';

import { BAND_TEXT, bandTooltip, formatPerDay, formatSeconds, formatShare, trendDirection } from './doraText';

const BAND_COLOR: Readonly<Record<DoraBand, 'green' | 'blue' | 'orange' | 'red'>> = {
  elite: 'green',
  high: 'blue',
  medium: 'orange',
  low: 'red',
};

interface CardProps {
  measure: DoraMeasure;
  title: string;
  value: string;
  detail: string;
  band: DoraBand | undefined;
  trend: { first: number; second: number };
  format: (v: number) => string;
  explain: string;
}

function DoraCard({ measure, title, value, detail, band, trend, format, explain }: CardProps) {
  const styles = useStyles2(getStyles);
  const direction = trendDirection(measure, trend.first, trend.second);
  const arrow =
    direction === 'unknown' || direction === 'same' ? 'minus' : trend.second > trend.first ? 'arrow-up' : 'arrow-down';
  return (
    <div className={styles.card} data-testid={testIds.deployments.doraCard(measure)}>
      <Stack justifyContent="space-between" alignItems="center">
        <Tooltip content={explain}>
          <span>
            <Text variant="h6">{title}</Text> <Icon name="info-circle" size="sm" />
          </span>
        </Tooltip>
        <Tooltip content={bandTooltip(measure, band)}>
          <span>
            {band ? (
              <Badge text={BAND_TEXT[band]} color={BAND_COLOR[band]} />
            ) : (
              <Badge text="No band" color="darkgrey" />
            )}
          </span>
        </Tooltip>
      </Stack>
      <div className={styles.value}>{value}</div>
      <Text color="secondary" variant="bodySmall">
        {detail}
      </Text>
      <Tooltip content="The same measure over the first and the second half of the time range; green when it improved.">
        <span className={styles[direction]}>
          <Icon name={arrow} size="sm" /> first half {format(trend.first)} → second half {format(trend.second)}
        </span>
      </Tooltip>
    </div>
  );
}

export function DoraCards({ summary, scopeText }: { summary: DoraSummary; scopeText: string }) {
  const styles = useStyles2(getStyles);
  const f = summary.deploymentFrequency;
  const l = summary.leadTimeMedian;
  const c = summary.changeFailureRate;
  const t = summary.timeToRestore;
  return (
    <div>
      <Text variant="bodySmall" color="secondary">
        DORA measures for {scopeText}
      </Text>
      <div className={styles.grid}>
        <DoraCard
          measure="deploymentFrequency"
          title="Deployment frequency"
          value={formatPerDay(f.value)}
          detail={`${f.n} successful deployments in the range`}
          band={f.band}
          trend={f.trend}
          format={formatPerDay}
          explain="Successful deployments per day over the time range."
        />
        <DoraCard
          measure="leadTime"
          title="Lead time for changes"
          value={`median ${formatSeconds(l.value)}`}
          detail={`p90 ${formatSeconds(summary.leadTimeP90)} · ${l.n} deployments with a commit time`}
          band={l.band}
          trend={l.trend}
          format={formatSeconds}
          explain="From the commit to the end of its successful deployment (--commit-time of the deploy command); the band is judged on the median."
        />
        <DoraCard
          measure="changeFailureRate"
          title="Change failure rate"
          value={formatShare(c.value)}
          detail={`${c.failed} failed or rolled back, ${c.alertLinked} followed by a P1/P2 alert, of ${c.n} runs`}
          band={c.band}
          trend={c.trend}
          format={formatShare}
          explain={`A deployment fails when it ends in failure or rollback, or when a P1/P2 alert of the same service starts within ${ALERT_LINK_WINDOW_SECONDS / 60} minutes after it finished.`}
        />
        <DoraCard
          measure="timeToRestore"
          title="Time to restore"
          value={`median ${formatSeconds(t.value)}`}
          detail={`${t.n} restores: failure to the next successful deployment`}
          band={t.band}
          trend={t.trend}
          format={formatSeconds}
          explain="From a failed or rolled-back deployment to the next successful deployment of the same service and environment; a streak of failures counts once."
        />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  }),
  card: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  value: css({ fontSize: theme.typography.h3.fontSize, fontWeight: theme.typography.fontWeightMedium }),
  better: css({ color: theme.colors.success.text, fontSize: theme.typography.bodySmall.fontSize }),
  worse: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
  same: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  unknown: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
