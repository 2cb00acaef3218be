// The command's output: a plain-text table and verdict, or the judgement as JSON. The sentences
// come from the same code formatter as the page (explainCodes.ts), with plain numbers and units.
import {
  type CanaryJudgement,
  type MetricJudgement,
  describeAllowed,
  describeInterval,
  describeTest,
  explainMetric,
  explainVerdictReason,
  groupValue,
} from '../src/analytics';
import { formatValue } from '../src/analytics/stats/format';
import type { CanaryAction } from '../src/pages/canary/canaryAction';
import type { CanaryPageMetric } from '../src/settings/canary';

/** Exit codes: what Argo Rollouts' Job provider and scripts read. */
export const EXIT_CODES: Record<CanaryAction, number> = { promote: 0, 'roll back': 1, hold: 2 };

export interface Report {
  judgement: CanaryJudgement;
  action: CanaryAction;
  service: string;
  split: string;
  prometheus: string;
  windowSeconds: number;
  stepSeconds: number;
  metrics: readonly CanaryPageMetric[];
}

function formatterFor(report: Report, j: MetricJudgement): (v: number) => string {
  const unit = report.metrics.find((m) => m.id === j.id)?.unit;
  return (v) => formatValue(v, unit);
}

const DECISION_WORDS: Record<string, string> = {
  worse: 'WORSE',
  better: 'better',
  'no-relevant-change': 'no relevant change',
  inconclusive: 'inconclusive',
  'not-significant': 'no significant change',
};

function row(report: Report, j: MetricJudgement): string[] {
  const format = formatterFor(report, j);
  const name = `${j.label}${j.critical ? ' (critical)' : ''}`;
  if (!j.decision) {
    return [name, '–', '–', '–', '–', '–', 'no data'];
  }
  const values =
    j.kind === 'count' && j.poisson
      ? `${Math.round(j.canaryN)} vs ${Math.round(j.baselineN)} events`
      : `${format(groupValue(j, 'canary') ?? NaN)} vs ${format(groupValue(j, 'baseline') ?? NaN)}`;
  return [
    name,
    values,
    describeAllowed(j, format),
    describeInterval(j, format),
    describeTest(j.kind, j.decision.deciding),
    Number(j.decision.deciding.pValue.toPrecision(2)).toString(),
    DECISION_WORDS[j.decision.decision] ?? j.decision.decision,
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

export function formatText(report: Report): string {
  const j = report.judgement;
  const t = j.thresholds;
  const header = ['metric', 'canary vs baseline', 'allowed change', 'interval', 'test (side)', 'p', 'decision'];
  const lines = [
    `Canary analysis of ${report.service} (${report.split}) over the last ${report.windowSeconds} s, one sample per ${report.stepSeconds} s, from ${report.prometheus}`,
    '',
    table([header, ...j.metrics.map((m) => row(report, m))]),
    '',
    `Verdict: ${report.action} (${j.verdict}; score ${j.score.toFixed(0)} / 100, promote at ${t.passScore}, roll back below ${t.marginalScore}; α = ${t.alpha} per one-sided question)`,
    ...j.reasons.map((r) => `  - ${explainVerdictReason(r, j.metrics, t, (m) => formatterFor(report, m))}`),
    '',
    'Per metric:',
    ...j.metrics.map((m) => `  - ${explainMetric(m, t, formatterFor(report, m))}`),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatJson(report: Report): string {
  const j = report.judgement;
  return `${JSON.stringify(
    {
      action: report.action,
      exitCode: EXIT_CODES[report.action],
      verdict: j.verdict,
      score: j.score,
      service: report.service,
      split: report.split,
      windowSeconds: report.windowSeconds,
      reasons: j.reasons.map((r) => ({
        ...r,
        text: explainVerdictReason(r, j.metrics, j.thresholds, (m) => formatterFor(report, m)),
      })),
      thresholds: j.thresholds,
      metrics: j.metrics.map((m) => ({ ...m, explanation: explainMetric(m, j.thresholds, formatterFor(report, m)) })),
    },
    null,
    2
  )}\n`;
}
