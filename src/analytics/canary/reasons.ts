// Why a metric was not judged and why the verdict is what it is, as codes with values. The worker
// returns these; the page and the command line turn them into sentences with their own number
// formatting (explainCodes.ts), so no sentence is ever rewritten after the fact.

export type CanarySide = 'canary' | 'baseline' | 'both';

export type NoDataReason =
  /** Nothing came back for this metric (no series in either group). */
  | { code: 'no-series' }
  /** Every sample of a side is missing or NaN: no data, whatever the NaN policy says. */
  | { code: 'no-real-values'; side: CanarySide; samples: number }
  /** The metric's policy rejects gaps and some samples are missing. */
  | { code: 'rejected-gaps'; side: CanarySide; missing: number; samples: number }
  | { code: 'too-few-samples'; canaryN: number; baselineN: number; minSamples: number }
  /** A count metric without traffic (exposure) on a side. */
  | { code: 'no-traffic'; side: CanarySide }
  | { code: 'missing-counts' }
  | { code: 'wrong-kind'; expected: 'counts' | 'samples' | 'buckets' }
  /** A quantile metric's histogram cannot be read (no +Inf bucket, no finite bound). */
  | { code: 'bad-histogram'; side: CanarySide; problem: 'no-inf-bucket' | 'no-finite-bucket' }
  /** A bug cost this metric its verdict (never the page). */
  | { code: 'internal'; message: string };

export type VerdictReason =
  | { code: 'no-metrics' }
  | { code: 'critical-worse'; metrics: string[] }
  | { code: 'critical-no-data'; metrics: string[] }
  | { code: 'too-many-unjudged'; metrics: string[]; total: number; maxShare: number }
  | { code: 'too-little-traffic'; canaryRequests: number; minRequests: number }
  | { code: 'critical-inconclusive'; metrics: string[] }
  | { code: 'score-pass'; score: number; passScore: number; despite: string[] }
  | { code: 'needs-improvement' }
  | { code: 'improved'; metrics: string[] }
  | { code: 'score-marginal'; score: number; marginalScore: number; passScore: number; worse: string[] }
  | { code: 'score-fail'; score: number; marginalScore: number; worse: string[] }
  /** A metric that got worse; its own explanation says by how much. */
  | { code: 'metric-worse'; metric: string }
  | { code: 'not-judged'; metrics: string[] };
