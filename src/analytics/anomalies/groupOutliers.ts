// Outliers across a group of series (e.g. one instance behaving unlike its siblings), from augurs.
import { loadOutlier } from '../runtime/wasm';

export type GroupOutlierAlgorithm = 'dbscan' | 'mad';

export interface GroupOutlierResult {
  /** Indices of the series that are outliers. */
  outlying: number[];
  /** Per series: intervals as [startIndex, endIndex) into the shared timestamps; endIndex undefined = still outlying. */
  intervals: Array<Array<{ start: number; end?: number }>>;
  scores: number[][];
}

/**
 * Series must share timestamps (prepare them onto one grid first). Sensitivity in (0, 1): higher flags
 * more; augurs requires the open interval.
 */
export async function detectGroupOutliers(
  series: Float64Array[],
  algorithm: GroupOutlierAlgorithm = 'mad',
  sensitivity = 0.5
): Promise<GroupOutlierResult> {
  const length = Math.min(...series.map((s) => s.length));
  if (series.length < 3 || !(length > 0)) {
    return { outlying: [], intervals: series.map(() => []), scores: series.map(() => []) };
  }
  const s = Math.min(0.99, Math.max(0.01, sensitivity));
  const { OutlierDetector } = await loadOutlier();
  const detector =
    algorithm === 'dbscan' ? OutlierDetector.dbscan({ sensitivity: s }) : OutlierDetector.mad({ sensitivity: s });
  try {
    const output = detector.detect(series.map((v) => v.subarray(0, length)));
    return {
      outlying: Array.from(output.outlyingSeries),
      intervals: output.seriesResults.map((r) =>
        r.outlierIntervals.map((i) => (i.end === undefined ? { start: i.start } : { start: i.start, end: i.end }))
      ),
      scores: output.seriesResults.map((r) => Array.from(r.scores)),
    };
  } finally {
    detector.free();
  }
}
