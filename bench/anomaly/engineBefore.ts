// The engine as the forecast panel runs it today (default options), judged causally: fit 'auto' on
// the trailing window, forecast the next points, flag those outside the forecast band by the
// panel's rules. Model memory is reused across refits exactly as the analysis cache does.
import { detectAnomalies } from '../../src/analytics/anomalies/anomalies';
import { type ForecastMemory, runForecast } from '../../src/analytics/models/forecast';
import { MEMORY_REFITS } from '../../src/analytics/runtime/cache';
import type { PreparedSeries } from '../../src/analytics/types';

import type { CausalDetector } from './protocol';
import type { LabelledSeries, Verdict } from './types';

/** The panel's defaults (src/panels/forecast/defaults.ts, options version 4). */
export const PANEL_DEFAULTS = {
  sensitivity: 0.75,
  minDurationPoints: 3,
  minDeviation: 0.05,
  confidence: 0.95,
  maxPoints: 2000,
};

export function trailing(
  series: LabelledSeries,
  from: number,
  to: number
): { timestamps: number[]; values: Array<number | null> } {
  const timestamps: number[] = [];
  const values: Array<number | null> = [];
  for (let i = from; i < to; i++) {
    timestamps.push(series.startMs + i * series.stepMs);
    values.push(series.values[i]);
  }
  return { timestamps, values };
}

/** The judged points as a prepared series (missing points marked imputed, so never flagged). */
export function judgedPoints(series: LabelledSeries, from: number, to: number): PreparedSeries {
  const values = new Float64Array(to - from);
  const imputed = new Uint8Array(to - from);
  for (let i = from; i < to; i++) {
    const v = series.values[i];
    values[i - from] = v ?? 0;
    imputed[i - from] = v === null ? 1 : 0;
  }
  const report = {
    inputPoints: to - from,
    outputPoints: to - from,
    stepMs: series.stepMs,
    droppedNonFinite: 0,
    mergedDuplicates: 0,
    reordered: false,
    imputed: 0,
  };
  return { startMs: series.startMs + from * series.stepMs, stepMs: series.stepMs, values, imputed, report };
}

export function engineBefore(): CausalDetector {
  return {
    name: 'engine before (auto, panel defaults)',
    minRun: PANEL_DEFAULTS.minDurationPoints,
    start(series) {
      let memory: { memory: ForecastMemory; uses: number } | undefined;
      return {
        async judge(trainFrom, from, to): Promise<Verdict[]> {
          const reuse = memory && memory.uses < MEMORY_REFITS ? memory.memory : undefined;
          if (memory && reuse) {
            memory.uses++;
          }
          const run = await runForecast(
            trailing(series, trainFrom, from),
            {
              model: 'auto',
              horizon: to - from,
              confidence: PANEL_DEFAULTS.confidence,
              maxPoints: PANEL_DEFAULTS.maxPoints,
            },
            reuse
          );
          if (run.memory) {
            memory = { memory: run.memory, uses: 0 };
          }
          const points = judgedPoints(series, from, to);
          const verdicts: Verdict[] = [];
          if (!run.outcome.ok) {
            return verdicts;
          }
          const flagged = new Set(
            detectAnomalies(
              points,
              run.outcome.forecast,
              {
                direction: series.watch?.direction ?? 'both',
                sensitivity: PANEL_DEFAULTS.sensitivity,
                minDurationPoints: 1,
                minDeviation: PANEL_DEFAULTS.minDeviation,
              },
              PANEL_DEFAULTS.confidence
            ).flatMap((a) => a.points)
          );
          for (let i = from; i < to; i++) {
            if (series.values[i] !== null) {
              verdicts.push({ index: i, flagged: flagged.has(i - from) });
            }
          }
          return verdicts;
        },
      };
    },
  };
}
