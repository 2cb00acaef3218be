// "What moves with latency" on the Service Deep-Dive: candidate signals ranked by how they move with
// the service's p95 (or error ratio), computed in the analytics worker. Shows nothing when nothing
// clears the significance bar, and says what to do instead.
import { css } from '@emotion/css';
import { type GrafanaTheme2, type PanelData, formattedValueToString, getValueFormat } from '@grafana/data';
import {
  PanelBuilders,
  type SceneComponentProps,
  type SceneObjectState,
  type VizPanel,
  sceneGraph,
} from '@grafana/scenes';
import { AxisPlacement } from '@grafana/schema';
import { Badge, Button, LoadingPlaceholder, RadioButtonGroup, Stack, Text, Tooltip, useStyles2 } from '@grafana/ui';
import React, { useEffect, useRef } from 'react';

import {
  type BottleneckFindings,
  type FinderTarget,
  type SignalAssociation,
  describeAssociation,
  describeLag,
  describeNothingFound,
  describeRatio,
  describeStep,
  findBottlenecksOffThread,
} from '../../analytics';
import { type QueryPhase, QueryViewScene, queryPhase } from '../../components/QueryViewScene';
import { ErrorView } from '../../components/states/ErrorView';
import { testIds } from '../../components/testIds';
import type { FinderQueries } from '../../queries/bottleneck';
import { promRunner } from '../shared/panels';
import { legendFor, rangeQuery } from '../shared/sceneParts';

import { familyOf, finderRequest, finderRunnerQueries, TARGET_REF } from './finderRequest';

/** About one point a minute over the default range: the finder's lags are in these steps. */
const MAX_DATA_POINTS = 360;
const MAX_LINES = 5;

type Status =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'computing' }
  | { kind: 'declined'; reason: string }
  | { kind: 'done'; findings: BottleneckFindings };

export interface WhatMovesWithLatencyState extends SceneObjectState {
  service: string;
  queries: FinderQueries;
  target: FinderTarget;
  status: Status;
  /** The candidate whose chart is open, and that chart. */
  chartFor?: string;
  chart?: VizPanel;
}

const TARGET_OPTIONS: Array<{ label: string; value: FinderTarget; description: string }> = [
  { label: 'p95 latency', value: 'p95', description: 'What moves with the service’s p95 latency' },
  { label: 'Errors', value: 'error-ratio', description: 'What moves with the service’s error ratio' },
];

export class WhatMovesWithLatency extends QueryViewScene<WhatMovesWithLatencyState> {
  static Component = WhatMovesRenderer;

  constructor(state: Pick<WhatMovesWithLatencyState, 'service' | 'queries'> & Partial<WhatMovesWithLatencyState>) {
    super({
      target: 'p95',
      status: { kind: 'loading' },
      $data: state.$data ?? promRunner(...finderRunnerQueries(state.queries)).clone({ maxDataPoints: MAX_DATA_POINTS }),
      ...state,
    });
  }

  async onData(data: PanelData | undefined): Promise<void> {
    const phase: QueryPhase = queryPhase(data, 'The Prometheus query failed.');
    if (phase.kind === 'loading') {
      this.abortWork();
      this.setState({ status: { kind: 'loading' } });
      return;
    }
    const { service, queries, target } = this.state;
    const request = finderRequest(phase.data.series, queries, target, `${service}:${target}`);
    if (!request) {
      this.setState(
        phase.kind === 'error'
          ? { status: { kind: 'error', message: phase.message } }
          : {
              status: {
                kind: 'declined',
                reason: `No ${target === 'p95' ? 'p95 latency' : 'error ratio'} for ${service} in this range. Pick a range in which the service served requests.`,
              },
            }
      );
      return;
    }
    const signal = this.startWork();
    this.setState({ status: { kind: 'computing' } });
    const outcome = await findBottlenecksOffThread(request, signal);
    if (signal.aborted) {
      return;
    }
    this.setState({
      status: outcome.ok ? { kind: 'done', findings: outcome } : { kind: 'declined', reason: outcome.reason },
    });
  }

  setTarget(target: FinderTarget): void {
    if (target !== this.state.target) {
      this.setState({ target, chart: undefined, chartFor: undefined });
      void this.onData(sceneGraph.getData(this).state.data);
    }
  }

  /** Opens (or closes) the chart of one ranked signal next to the target. */
  toggleChart(line: SignalAssociation): void {
    if (this.state.chartFor === line.id) {
      this.setState({ chart: undefined, chartFor: undefined });
      return;
    }
    const family = familyOf(this.state.queries, line.id);
    if (!family) {
      return;
    }
    const { target, queries } = this.state;
    const targetName = target === 'p95' ? 'p95' : 'error ratio';
    const chart = PanelBuilders.timeseries()
      .setTitle(`${targetName} and ${family.chartName ?? family.signal}`)
      .setDescription(`${family.description} The ${targetName} is on the right axis.`)
      .setData(
        promRunner(
          rangeQuery(
            'signal',
            family.expr,
            family.subjectLabel ? legendFor(family.subjectLabel) : family.subjectFallback
          ),
          rangeQuery(TARGET_REF[target], target === 'p95' ? queries.p95 : queries.errorRatio, targetName)
        )
      )
      .setUnit(family.unit)
      .setOverrides((b) =>
        b
          .matchFieldsByQuery(TARGET_REF[target])
          .overrideUnit(target === 'p95' ? 's' : 'percentunit')
          .overrideCustomFieldConfig('axisPlacement', AxisPlacement.Right)
          .overrideCustomFieldConfig('lineWidth', 2)
      )
      .build();
    this.setState({ chart, chartFor: line.id });
  }
}

function levelFormatter(unit: string | undefined) {
  const format = getValueFormat(unit ?? 'short');
  return (value: number) => formattedValueToString(format(value, 2));
}

function verdictTooltip(line: SignalAssociation, f: BottleneckFindings): string {
  const control = f.controlledForTraffic
    ? 'after removing what the request rate explains from both'
    : 'without a traffic control (no request rate in range)';
  const lags = Math.round((f.tests / Math.max(1, f.signals) - 1) / 2);
  const p = (v: number) => (v < 1e-4 ? v.toExponential(1) : v.toPrecision(2));
  return (
    `Spearman rank correlation ${control}, at the best of ${2 * lags + 1} lags (±${lags} steps of ${describeStep(f.stepMs)}). ` +
    `Holm-adjusted p = ${p(line.pAdjusted)} over ${f.tests} tests (${f.signals} signals × lags); ` +
    `${Math.round(line.nEffective)} effective of ${line.n} points, as neighbouring minutes are not independent. ` +
    (line.significant
      ? `Listed because adjusted p ≤ ${f.alpha} and |ρ| ≥ ${f.minAbsRho}.`
      : `Not listed: it needs adjusted p ≤ ${f.alpha} and |ρ| ≥ ${f.minAbsRho}.`) +
    ' Moving together is not proof of cause: open the chart and check the timing.'
  );
}

function Line({
  model,
  line,
  findings,
  rank,
}: {
  model: WhatMovesWithLatency;
  line: SignalAssociation;
  findings: BottleneckFindings;
  rank?: number;
}) {
  const styles = useStyles2(getStyles);
  const { queries, chartFor } = model.useState();
  const family = familyOf(queries, line.id);
  const sentence = describeAssociation(line, findings, levelFormatter(family?.unit));
  return (
    <div className={styles.line} data-testid={testIds.service.finderLine}>
      <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
        {rank !== undefined && <Text weight="medium">{`${rank}.`}</Text>}
        <Text>{sentence}</Text>
      </Stack>
      <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
        <Tooltip content={verdictTooltip(line, findings)} placement="top">
          <span>
            <Badge color={line.significant ? 'red' : 'blue'} text={`ρ = ${line.rho.toFixed(2)}`} icon="info-circle" />
          </span>
        </Tooltip>
        <Badge color="purple" text={describeLag(line, findings.target, findings.stepMs)} />
        {line.ratio !== null && <Badge color="orange" text={`${describeRatio(line.ratio)} usual`} />}
        <Button size="sm" variant="secondary" fill="text" icon="graph-bar" onClick={() => model.toggleChart(line)}>
          {chartFor === line.id ? 'Hide chart' : 'Show chart'}
        </Button>
      </Stack>
    </div>
  );
}

function WhatMovesRenderer({ model }: SceneComponentProps<WhatMovesWithLatency>) {
  const styles = useStyles2(getStyles);
  const { status, target, chart, service } = model.useState();
  const chartRef = useRef<HTMLDivElement>(null);
  useEffect(() => chartRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' }), [chart]);
  const what = target === 'p95' ? 'p95 latency' : 'the error ratio';
  return (
    <div
      className={styles.container}
      data-testid={testIds.service.finder}
      data-running={status.kind === 'loading' || status.kind === 'computing' ? 'true' : 'false'}
    >
      <Stack direction="row" justifyContent="space-between" alignItems="center" wrap="wrap">
        <Tooltip
          content={`Signals of ${service}'s pods, the nodes they run on, its database and its calls to other services, ranked by how they rise and fall with ${what} in this range (beyond what traffic explains). A line is shown only when the association is unlikely to be chance after correcting for every signal and lag tried.`}
        >
          <span>
            <Text element="h4">{target === 'p95' ? 'What moves with latency' : 'What moves with errors'}</Text>
          </span>
        </Tooltip>
        <RadioButtonGroup size="sm" options={TARGET_OPTIONS} value={target} onChange={(v) => model.setTarget(v)} />
      </Stack>
      {status.kind === 'loading' && <LoadingPlaceholder text={`Loading ${what}, traffic and candidate signals…`} />}
      {status.kind === 'computing' && <LoadingPlaceholder text="Ranking candidate signals…" />}
      {status.kind === 'error' && (
        <ErrorView title="Could not load the candidate signals">
          {`${status.message} Check the Prometheus data source on the configuration page.`}
        </ErrorView>
      )}
      {status.kind === 'declined' && <Text color="secondary">{status.reason}</Text>}
      {status.kind === 'done' && <Findings model={model} findings={status.findings} />}
      {chart && (
        <div ref={chartRef} className={styles.chart} data-testid={testIds.service.finderChart}>
          <chart.Component model={chart} />
        </div>
      )}
    </div>
  );
}

function Findings({ model, findings }: { model: WhatMovesWithLatency; findings: BottleneckFindings }) {
  const { ranked, strongest } = findings;
  if (ranked.length > 0) {
    return (
      <Stack direction="column" gap={1}>
        {ranked.slice(0, MAX_LINES).map((line, i) => (
          <Line key={line.id} model={model} line={line} findings={findings} rank={i + 1} />
        ))}
        {ranked.length > MAX_LINES && (
          <Text color="secondary">{`${ranked.length - MAX_LINES} weaker signals not shown.`}</Text>
        )}
      </Stack>
    );
  }
  return (
    <Stack direction="column" gap={1}>
      <Text color="secondary" data-testid={testIds.service.finderNothing}>
        {describeNothingFound(findings)}
      </Text>
      {strongest && (
        <>
          <Text color="secondary" variant="bodySmall">
            Weak evidence only — the closest candidate, not enough to rank:
          </Text>
          <Line model={model} line={strongest} findings={findings} />
        </>
      )}
    </Stack>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
      width: '100%',
      padding: theme.spacing(1, 0),
    }),
    line: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(0.5),
      borderLeft: `3px solid ${theme.colors.border.medium}`,
      paddingLeft: theme.spacing(1),
    }),
    chart: css({ height: 280, display: 'flex' }),
  };
}
