import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  Alert,
  Badge,
  type BadgeColor,
  type Column,
  InteractiveTable,
  Stack,
  Text,
  Tooltip,
  useStyles2,
} from '@grafana/ui';
import React, { useMemo } from 'react';

import type { CanaryJudgement, MetricJudgement } from '../../analytics';
import { testIds } from '../../components/testIds';

import type { TrafficState } from './canaryData';
import { actionFor, formatCount, formatInterval, formatMetricValue, formatPValue, testName } from './canaryFormat';

const ACTION_SEVERITY = { promote: 'success', hold: 'warning', 'roll back': 'error' } as const;

const OUTCOME_BADGE: Record<MetricJudgement['outcome'], { text: string; color: BadgeColor }> = {
  pass: { text: 'pass', color: 'green' },
  high: { text: 'high', color: 'red' },
  low: { text: 'low', color: 'orange' },
  'no-data': { text: 'no data', color: 'darkgrey' },
};

/** What the traffic totals mean for the verdict; undefined when traffic is fine. */
export function trafficMessage(
  traffic: TrafficState | undefined,
  splitDescription?: string
): { title: string; text: string } | undefined {
  const split = splitDescription ? ` (${splitDescription})` : '';
  switch (traffic?.kind) {
    case 'no-traffic':
      return {
        title: 'No traffic',
        text: `No requests matched either group${split} in this window. Check the service and the split, or widen the time range.`,
      };
    case 'missing-canary':
      return {
        title: 'No canary traffic',
        text: `The baseline has requests but the canary has none${split}. Is the canary deployed and receiving traffic?`,
      };
    case 'missing-baseline':
      return {
        title: 'No baseline traffic',
        text: `The canary has requests but the baseline has none${split}. Check the baseline value of the split.`,
      };
    case 'too-small':
      return {
        title: 'Sample too small to judge',
        text: `The canary served ${formatCount(traffic.canaryRequests)} requests in this window; at least ${formatCount(traffic.minRequests)} are needed for a trustworthy verdict. Widen the time range or send the canary more traffic.`,
      };
    default:
      return undefined;
  }
}

interface Props {
  judgement: CanaryJudgement;
  traffic?: TrafficState;
  splitDescription?: string;
}

export function CanaryResults({ judgement, traffic, splitDescription }: Props) {
  const styles = useStyles2(getStyles);
  const trafficProblem = trafficMessage(traffic, splitDescription);
  // Too little traffic overrides a pass: promoting on a handful of requests is a guess.
  const action = trafficProblem && judgement.verdict === 'pass' ? 'hold' : actionFor(judgement.verdict);
  const columns = useMemo(() => resultColumns(), []);
  return (
    <Stack direction="column" gap={2}>
      <Alert severity={ACTION_SEVERITY[action]} title={`Verdict: ${action}`} data-testid={testIds.canary.verdict}>
        <Stack direction="column" gap={0.5}>
          <Text>
            Score {judgement.score.toFixed(0)} / 100 (promote at {judgement.thresholds.passScore}, roll back below{' '}
            {judgement.thresholds.marginalScore}; α = {judgement.thresholds.alpha})
            {splitDescription ? `, comparing ${splitDescription}` : ''}.
          </Text>
          {judgement.reasons.map((reason, i) => (
            <Text key={i}>{reason}</Text>
          ))}
        </Stack>
      </Alert>
      {trafficProblem && (
        <Alert severity="warning" title={trafficProblem.title} data-testid={testIds.canary.traffic}>
          {trafficProblem.text}
        </Alert>
      )}
      <div className={styles.table} data-testid={testIds.canary.results}>
        <InteractiveTable columns={columns} data={judgement.metrics} getRowId={(m: MetricJudgement) => m.id} />
      </div>
    </Stack>
  );
}

function resultColumns(): Array<Column<MetricJudgement>> {
  return [
    {
      id: 'label',
      header: 'Metric',
      cell: ({ row: { original: m } }) => (
        <Tooltip content={m.explanation}>
          <span>
            {m.label}
            {m.critical ? ' (critical)' : ''}
          </span>
        </Tooltip>
      ),
    },
    {
      id: 'canary',
      header: 'Canary',
      cell: ({ row: { original: m } }) => <span>{formatMetricValue(m, 'canary')}</span>,
    },
    {
      id: 'baseline',
      header: 'Baseline',
      cell: ({ row: { original: m } }) => <span>{formatMetricValue(m, 'baseline')}</span>,
    },
    { id: 'shift', header: 'Shift (CI)', cell: ({ row: { original: m } }) => <span>{formatInterval(m)}</span> },
    {
      id: 'effect',
      header: "Effect (Cliff's δ)",
      cell: ({ row: { original: m } }) => (
        <span>{m.effectSize === undefined ? '–' : `${m.effectSize.toFixed(2)} ${m.effectLabel}`}</span>
      ),
    },
    { id: 'p', header: 'p-value', cell: ({ row: { original: m } }) => <span>{formatPValue(m.pValue)}</span> },
    { id: 'test', header: 'Test', cell: ({ row: { original: m } }) => <span>{testName(m)}</span> },
    {
      id: 'outcome',
      header: 'Result',
      cell: ({ row: { original: m } }) => (
        <Badge
          text={OUTCOME_BADGE[m.outcome].text}
          color={m.improved ? 'green' : OUTCOME_BADGE[m.outcome].color}
          tooltip={m.explanation}
        />
      ),
    },
  ];
}

function getStyles(theme: GrafanaTheme2) {
  return {
    table: css({ overflowX: 'auto', background: theme.colors.background.primary }),
  };
}
