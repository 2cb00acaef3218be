import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import {
  Alert,
  Badge,
  type BadgeColor,
  Button,
  type CellProps,
  type Column,
  InteractiveTable,
  Stack,
  Text,
  Tooltip,
  useStyles2,
} from '@grafana/ui';
import React, { useMemo } from 'react';

import { formatPercent } from '../../analytics';
import { EmptyView } from '../../components/states/EmptyView';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';

import { CAPACITY_KIND_LABEL, type CapacityRow, type CapacityStatus, type RowStatus, allTooShort } from './capacityRows';
import { capacityExplanation, type CapacityTextContext, formatMoment } from './capacityText';
import { formatTimeUntil, toGrafanaDuration } from './horizon';

interface Props {
  status: CapacityStatus;
  rows: CapacityRow[];
  threshold: number;
  horizonMs: number;
  selected?: string;
  onSelect: (key: string) => void;
  /** The end of the data the estimates start from; relative times count from it. */
  asOfMs: number;
  /** One query failed while the other returned rows. */
  partialError?: string;
  /** Prediction-band level of the estimates, e.g. 0.95. */
  confidence: number;
  timeZone?: TimeZone;
}

const STATUS_BADGE: Record<RowStatus, { color: BadgeColor; text: string }> = {
  'already-over': { color: 'red', text: 'Already over' },
  crosses: { color: 'orange', text: 'Will cross' },
  'not-within-horizon': { color: 'green', text: 'Not within horizon' },
  'cannot-model': { color: 'darkgrey', text: 'Cannot estimate' },
  pending: { color: 'blue', text: 'Estimating' },
};

function percent(share: number | undefined): string {
  return share === undefined ? '–' : formatPercent(share);
}

/** What each crossing column is read from, for its header and its cells. */
export function crossingMeaning(column: 'earliestMs' | 'likelyMs' | 'latestMs', threshold: number, confidence: number): string {
  const band = `${formatPercent(confidence)} prediction band`;
  const at = formatPercent(threshold);
  switch (column) {
    case 'earliestMs':
      return `Earliest: when the top of the ${band} reaches ${at}; sooner is unlikely.`;
    case 'likelyMs':
      return `Likely: when the forecast itself reaches ${at}.`;
    default:
      return `Latest: when the bottom of the ${band} reaches ${at}; "–" means it stays below until the end of the horizon.`;
  }
}

function When({ ms, nowMs, timeZone, meaning }: { ms?: number; nowMs: number; timeZone?: TimeZone; meaning: string }) {
  if (ms === undefined) {
    return (
      <Tooltip content={meaning}>
        <span>
          <Text color="secondary">–</Text>
        </span>
      </Tooltip>
    );
  }
  return (
    <Tooltip content={`${formatMoment(ms, timeZone)}. ${meaning}`}>
      <span>{formatTimeUntil(ms, nowMs)}</span>
    </Tooltip>
  );
}

const KIND_BADGE_COLOR: Record<CapacityRow['target']['kind'], 'purple' | 'blue' | 'orange' | 'green'> = {
  volume: 'purple',
  memory: 'blue',
  'cpu-limit': 'orange',
  'cpu-request': 'orange',
  'cpu-throttled': 'orange',
  'node-cpu': 'green',
  'node-memory': 'green',
  'node-disk': 'green',
};

function columns(
  ctx: CapacityTextContext,
  selected: string | undefined,
  onSelect: (key: string) => void
): Array<Column<CapacityRow>> {
  const nowMs = ctx.asOfMs;
  const tz = ctx.timeZone;
  return [
    {
      id: 'resource',
      header: 'Resource',
      cell: ({ row: { original: r } }: CellProps<CapacityRow>) => (
        <Stack gap={1} alignItems="center">
          <Badge color={KIND_BADGE_COLOR[r.target.kind]} text={CAPACITY_KIND_LABEL[r.target.kind]} />
          <span>{r.resource}</span>
        </Stack>
      ),
    },
    {
      id: 'current',
      header: 'Used now',
      cell: ({ row: { original: r } }: CellProps<CapacityRow>) => percent(r.current),
    },
    {
      id: 'status',
      header: 'Status',
      cell: ({ row: { original: r } }: CellProps<CapacityRow>) => (
        <Tooltip content={capacityExplanation(r, ctx)}>
          <span>
            <Badge color={STATUS_BADGE[r.status].color} text={STATUS_BADGE[r.status].text} />
          </span>
        </Tooltip>
      ),
    },
    ...(['earliestMs', 'likelyMs', 'latestMs'] as const).map((id) => {
      const meaning = crossingMeaning(id, ctx.threshold, ctx.confidence);
      const title = { earliestMs: 'Earliest', likelyMs: 'Likely', latestMs: 'Latest' }[id];
      return {
        id,
        header: () => (
          <Tooltip content={meaning}>
            <span>{title}</span>
          </Tooltip>
        ),
        cell: ({ row: { original: r } }: CellProps<CapacityRow>) => (
          <When ms={r[id]} nowMs={nowMs} timeZone={tz} meaning={meaning} />
        ),
      };
    }),
    {
      id: 'reason',
      header: 'Why',
      cell: ({ row: { original: r } }: CellProps<CapacityRow>) => (
        <Text color="secondary" variant="bodySmall">
          {capacityExplanation(r, ctx)}
        </Text>
      ),
    },
    {
      id: 'chart',
      header: '',
      disableGrow: true,
      cell: ({ row: { original: r } }: CellProps<CapacityRow>) => (
        <Button
          size="sm"
          variant={r.key === selected ? 'primary' : 'secondary'}
          icon="chart-line"
          tooltip="Chart this series with its forecast and the threshold"
          aria-label={`Chart ${r.resource}`}
          onClick={() => onSelect(r.key)}
        >
          {r.key === selected ? 'Charted' : 'Chart'}
        </Button>
      ),
    },
  ];
}

/** States and the time-to-exhaustion table; all text is rendered as text, never as HTML. */
export function CapacityView(props: Props) {
  const { status, rows, threshold, horizonMs, selected, onSelect, asOfMs, partialError, confidence, timeZone } = props;
  const styles = useStyles2(getStyles);
  const cols = useMemo(
    () => columns({ threshold, asOfMs, horizonMs, confidence, timeZone }, selected, onSelect),
    [threshold, asOfMs, horizonMs, confidence, timeZone, selected, onSelect]
  );
  const over = rows.filter((r) => r.status === 'already-over').length;
  const crossing = rows.filter((r) => r.status === 'crosses').length;
  return (
    <div
      className={styles.container}
      data-testid={testIds.trends.capacity}
      data-running={status.kind === 'loading' || status.kind === 'computing' ? 'true' : 'false'}
    >
      <Text element="h3" variant="h4">
        Time to exhaustion at {formatPercent(threshold)}
      </Text>
      <Text color="secondary">
        When each volume, each container&apos;s memory, CPU (of its limit and of its request) and CPU throttling (share of
        CFS periods throttled) and each node&apos;s
        CPU, memory and disk is forecast to reach the threshold, looking {toGrafanaDuration(horizonMs)} ahead from a fit
        since the last reset (compaction, restart, scale-out). Earliest comes from the top of the{' '}
        {formatPercent(confidence)} prediction band, likely from the forecast, latest from the bottom of the band.
      </Text>
      {status.kind === 'loading' && <LoadingView text="Loading volume, memory, CPU and disk usage…" />}
      {status.kind === 'error' && (
        <ErrorView
          title="Could not load resource usage"
          message={status.message}
          testId={testIds.trends.capacityError}
        />
      )}
      {partialError && (
        <Alert
          severity="warning"
          title="Some usage series could not be loaded"
          data-testid={testIds.trends.capacityError}
        >
          {partialError} The rows below come from the query that succeeded.
        </Alert>
      )}
      {status.kind === 'no-data' && (
        <EmptyView title="No volume, container or node usage series" testId={testIds.trends.capacityNoData}>
          This table reads kubelet_volume_stats_used_bytes and kubelet_volume_stats_capacity_bytes (kubelet),
          container_memory_working_set_bytes against container_spec_memory_limit_bytes and container CPU against
          container_spec_cpu_quota / container_spec_cpu_shares and container_cpu_cfs_throttled_periods_total /
          container_cpu_cfs_periods_total (cAdvisor), and node_cpu_seconds_total, node_memory_* and
          node_filesystem_* (node-exporter). Check that the data source above is the Prometheus that scrapes them, and
          that containers have limits (a container without a limit has nothing to run out of).
        </EmptyView>
      )}
      {status.kind === 'computing' && (
        <Text color="secondary">
          Estimating {status.done} of {status.total} series in the background…
        </Text>
      )}
      {allTooShort(rows) && (
        <EmptyView severity="warning" title="Too little history to forecast" testId={testIds.trends.capacityTooShort}>
          Every series is too short to model in this time range. Widen the time range (the last 7 days works well) so
          the forecast has a trend to follow.
        </EmptyView>
      )}
      {(status.kind === 'done' || status.kind === 'computing') && rows.length > 0 && (
        <>
          <Text>
            {over} already over, {crossing} expected to cross, {rows.length - over - crossing} other of {rows.length}.
          </Text>
          <div data-testid={testIds.trends.capacityTable}>
            <InteractiveTable columns={cols} data={rows} getRowId={(r: CapacityRow) => r.key} />
          </div>
        </>
      )}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  };
}
