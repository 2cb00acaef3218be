// Shared shapes of the anomaly benchmark: labelled series, alerts and the causal detector contract.

/** What a labelled stretch means for scoring. */
export type LabelKind =
  /** Something an operator wants to hear about; credit for the first alert inside, earlier is better. */
  | 'anomaly'
  /** A lasting change ("the job stopped", "the level moved"): report once, then learn it. */
  | 'regime'
  /** Unusual but not an incident (a holiday): alerts here count neither way. */
  | 'ignore';

export interface Label {
  kind: LabelKind;
  /** First and last index (inclusive) of the labelled stretch in the series. */
  start: number;
  end: number;
  /** Short description, e.g. "spike", "job stopped". */
  what: string;
}

export interface LabelledSeries {
  id: string;
  family: string;
  startMs: number;
  stepMs: number;
  /** null = a missing scrape. */
  values: Array<number | null>;
  labels: Label[];
  /** Index of the first judged point: everything before it is history only. */
  judgeFrom: number;
  /**
   * What an operator watches this series for, when the product says so (the demo family follows the
   * Overview's signals: more errors, slower, fewer or more requests). Unset: either way, at the
   * detector's own defaults. Every detector honours it, so the comparison stays like for like.
   */
  watch?: { direction: WatchDirection; minDeviation?: number };
}

export type WatchDirection = 'above' | 'below' | 'both';

/** One alert a detector raised: `firedAt` is the index of the point at which it was raised. */
export interface Alert {
  firedAt: number;
  start: number;
  end: number;
}

/** Per-point verdict for a point judged out of sample. */
export interface Verdict {
  index: number;
  flagged: boolean;
  /** Alert on this point alone, without waiting for a run (an extreme departure). */
  immediate?: boolean;
}
