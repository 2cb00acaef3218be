// Scoring of capacity answers against the known truth, per family: the error of "likely" as a share of
// the true remaining time, how often the truth lies between earliest and latest, and how often a
// crossing is claimed where the truth has none within the horizon.
import type { BacktestCase } from './families';

/** The part of a capacity row (or the engine's estimate) the backtest scores. */
export interface CapacityAnswer {
  status: 'already-over' | 'crosses' | 'not-within-horizon' | 'cannot-model' | 'pending';
  earliestMs?: number;
  likelyMs?: number;
  latestMs?: number;
  reason: string;
}

export const TARGETS = { medianError: 0.15, coverage: 0.9, falseCrossings: 0.05 } as const;

/**
 * |likely − truth| / (truth − now). No "likely" at all (not within the horizon, already over, could
 * not model) is an unbounded error: the answer missed a crossing that happens within the horizon.
 */
export function relativeError(c: BacktestCase, a: CapacityAnswer): number {
  if (c.truthMs === undefined) {
    throw new Error(`Case ${c.id} has no crossing within the horizon; its error is undefined.`);
  }
  if (a.status !== 'crosses' || a.likelyMs === undefined) {
    return Infinity;
  }
  return Math.abs(a.likelyMs - c.truthMs) / (c.truthMs - c.nowMs);
}

/** Whether the truth lies in [earliest, latest]; a missing latest means "not before the horizon's end". */
export function covers(c: BacktestCase, a: CapacityAnswer): boolean {
  if (c.truthMs === undefined) {
    throw new Error(`Case ${c.id} has no crossing within the horizon; coverage is undefined.`);
  }
  if (a.status !== 'crosses' && a.status !== 'not-within-horizon') {
    return false;
  }
  const earliest = a.earliestMs ?? (a.status === 'crosses' ? a.likelyMs : undefined);
  if (earliest === undefined) {
    return false;
  }
  return earliest <= c.truthMs && c.truthMs <= (a.latestMs ?? Infinity);
}

/** A crossing (or "already over") claimed for a case whose truth has none within the horizon. */
export function falseCrossing(c: BacktestCase, a: CapacityAnswer): boolean {
  if (c.truthMs !== undefined) {
    throw new Error(`Case ${c.id} crosses within the horizon; a false crossing is undefined.`);
  }
  return a.status === 'crosses' || a.status === 'already-over';
}

export interface Scored {
  case: BacktestCase;
  answer: CapacityAnswer;
}

export interface GroupScore {
  label: string;
  crossing: number;
  /** NaN when the group has no crossing case. */
  medianError: number;
  p90Error: number;
  coverage: number;
  none: number;
  falseCrossings: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

export function scoreGroup(label: string, scored: readonly Scored[]): GroupScore {
  const crossing = scored.filter((s) => s.case.truthMs !== undefined);
  const none = scored.filter((s) => s.case.truthMs === undefined);
  const errors = crossing.map((s) => relativeError(s.case, s.answer)).sort((a, b) => a - b);
  return {
    label,
    crossing: crossing.length,
    medianError: quantile(errors, 0.5),
    p90Error: quantile(errors, 0.9),
    coverage: crossing.length ? crossing.filter((s) => covers(s.case, s.answer)).length / crossing.length : NaN,
    none: none.length,
    falseCrossings: none.length ? none.filter((s) => falseCrossing(s.case, s.answer)).length / none.length : NaN,
  };
}

/** One group per family (and per family × noise when `byNoise`), in first-seen order, then "all". */
export function scoreByFamily(scored: readonly Scored[], byNoise = false): GroupScore[] {
  const groups = new Map<string, Scored[]>();
  for (const s of scored) {
    const key = byNoise ? `${s.case.family} / ${s.case.noise}` : s.case.family;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const out = [...groups].map(([label, items]) => scoreGroup(label, items));
  if (!byNoise) {
    out.push(scoreGroup('all', scored));
  }
  return out;
}

export function meetsTargets(g: GroupScore): { error: boolean; coverage: boolean; falseCrossings: boolean } {
  return {
    error: !(g.crossing > 0) || g.medianError <= TARGETS.medianError,
    coverage: !(g.crossing > 0) || g.coverage >= TARGETS.coverage,
    falseCrossings: !(g.none > 0) || g.falseCrossings <= TARGETS.falseCrossings,
  };
}

function pct(x: number): string {
  if (Number.isNaN(x)) {
    return '–';
  }
  return x === Infinity ? 'miss' : `${(x * 100).toFixed(1)} %`;
}

/** A Markdown table: one row per group, targets marked ✓ / ✗. */
export function formatTable(groups: readonly GroupScore[]): string {
  const headers = ['family', 'n cross', 'median err', 'p90 err', 'in range', 'n none', 'false cross'];
  const rows = groups.map((g) => {
    const ok = meetsTargets(g);
    const mark = (flag: boolean, applies: boolean) => (applies ? (flag ? ' ✓' : ' ✗') : '');
    return [
      g.label,
      String(g.crossing),
      pct(g.medianError) + mark(ok.error, g.crossing > 0),
      pct(g.p90Error),
      pct(g.coverage) + mark(ok.coverage, g.crossing > 0),
      String(g.none),
      pct(g.falseCrossings) + mark(ok.falseCrossings, g.none > 0),
    ];
  });
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
