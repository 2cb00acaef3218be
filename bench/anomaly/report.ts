// Runs detectors over the evaluation set and formats the tables the benchmark prints.
import { FAMILY_NAMES } from './generator';
import { type CausalDetector, DEFAULT_PROTOCOL, type Protocol, runCausal } from './protocol';
import { type SeriesScore, type Summary, scoreSeries, summarise } from './scoring';
import type { LabelledSeries } from './types';

export interface DetectorRun {
  detector: string;
  scores: SeriesScore[];
  seconds: number;
}

export async function evaluate(
  detector: CausalDetector,
  set: LabelledSeries[],
  protocol: Protocol = DEFAULT_PROTOCOL
): Promise<DetectorRun> {
  const started = Date.now();
  const scores: SeriesScore[] = [];
  for (const series of set) {
    scores.push(scoreSeries(series, await runCausal(detector, series, protocol)));
  }
  return { detector: detector.name, scores, seconds: (Date.now() - started) / 1000 };
}

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '–');

function row(name: string, s: Summary): string[] {
  return [
    name,
    String(s.windows),
    pct(s.recall),
    pct(s.regimeRecall),
    pct(s.weightedRecall),
    s.falseAlertsPerWeek.toFixed(2),
    pct(s.precision),
    s.score.toFixed(1),
  ];
}

const HEADERS = ['detector', 'windows', 'recall', 'regime', 'weighted', 'FA/series/wk', 'precision', 'score'];

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) =>
    `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [fmt(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmt)].join('\n');
}

/** One table per family and one overall, detectors as rows. */
export function report(runs: DetectorRun[]): string {
  const families = FAMILY_NAMES.filter((f) => runs[0]?.scores.some((s) => s.family === f));
  const parts: string[] = [];
  for (const family of families) {
    parts.push(
      `### ${family}`,
      table(
        HEADERS,
        runs.map((r) => row(r.detector, summarise(r.scores.filter((s) => s.family === family))))
      ),
      ''
    );
  }
  parts.push(
    '### overall',
    table(
      HEADERS,
      runs.map((r) => row(r.detector, summarise(r.scores)))
    ),
    ''
  );
  parts.push(
    '### score by family',
    table(
      ['detector', ...families, 'overall'],
      runs.map((r) => [
        r.detector,
        ...families.map((f) => summarise(r.scores.filter((s) => s.family === f)).score.toFixed(1)),
        summarise(r.scores).score.toFixed(1),
      ])
    )
  );
  return parts.join('\n');
}
