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

import {
  type CanaryJudgement,
  type MetricJudgement,
  describeAllowed,
  describeInterval,
  describeTest,
  explainMetric,
  explainVerdictReason,
} from '../../analytics';
import { testIds } from '../../components/testIds';

import { actionFor } from './canaryAction';
import type { TrafficState } from './canaryData';
import { formatCount, formatMetricValue, formatPValue, metricFormatter } from './canaryFormat';

const ACTION_SEVERITY = { promote: 'success', hold: 'warning', 'roll back': 'error' } as const;

const DECISION_BADGE: Record<
  NonNullable<MetricJudgement['decision']>['decision'] | 'no-data',
  { text: string; color: BadgeColor }
> = {
  worse: { text: 'worse', color: 'red' },
  better: { text: 'better', color: 'green' },
  'no-relevant-change': { text: 'no relevant change', color: 'green' },
  'not-significant': { text: 'no significant change', color: 'blue' },
  inconclusive: { text: 'inconclusive', color: 'orange' },
  'no-data': { text: 'no data', color: 'darkgrey' },
};

/** The metric's sentence with the table's units (the engine returns codes and values only). */
function explanation(m: MetricJudgement, judgement: CanaryJudgement): string {
  return explainMetric(m, judgement.thresholds, metricFormatter(m.id));
}

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
  // Too little canary traffic is already a hold in the verdict; the alert below says what to do.
  const action = actionFor(judgement.verdict);
  const columns = useMemo(() => resultColumns(judgement), [judgement]);
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
            <Text key={i}>
              {explainVerdictReason(reason, judgement.metrics, judgement.thresholds, (m) => metricFormatter(m.id))}
            </Text>
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

function resultColumns(judgement: CanaryJudgement): Array<Column<MetricJudgement>> {
  return [
    {
      id: 'label',
      header: 'Metric',
      cell: ({ row: { original: m } }) => (
        <Tooltip content={explanation(m, judgement)}>
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
    {
      id: 'allowed',
      header: 'Allowed change',
      cell: ({ row: { original: m } }) => <span>{describeAllowed(m, metricFormatter(m.id))}</span>,
    },
    {
      id: 'interval',
      header: 'Shift interval',
      cell: ({ row: { original: m } }) => <span>{describeInterval(m, metricFormatter(m.id))}</span>,
    },
    {
      id: 'test',
      header: 'Test (side)',
      cell: ({ row: { original: m } }) => (
        <span>{m.decision ? describeTest(m.kind, m.decision.deciding) : 'not run'}</span>
      ),
    },
    { id: 'p', header: 'p-value', cell: ({ row: { original: m } }) => <span>{formatPValue(m.pValue)}</span> },
    {
      id: 'effect',
      header: "Cliff's δ",
      cell: ({ row: { original: m } }) => (
        <span>{m.effectSize === undefined ? '–' : `${m.effectSize.toFixed(2)} ${m.effectLabel}`}</span>
      ),
    },
    {
      id: 'outcome',
      header: 'Decision',
      cell: ({ row: { original: m } }) => {
        const badge = DECISION_BADGE[m.decision?.decision ?? 'no-data'];
        return <Badge text={badge.text} color={badge.color} tooltip={explanation(m, judgement)} />;
      },
    },
  ];
}

function getStyles(theme: GrafanaTheme2) {
  return {
    table: css({ overflowX: 'auto', background: theme.colors.background.primary }),
  };
}
