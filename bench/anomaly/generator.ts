// The labelled evaluation set: families of operational series (seeded, deterministic), each a
// base shape plus injected incidents. Anomalies sit only in the judged part; one more sits in the
// history so a detector's training data is as dirty as a real panel's.
import { signalSpec } from '../../src/pages/overview/anomalySignals';

import { Builder, PER_DAY, PER_HOUR, slots } from './builder';
import { EVENTS, type EventKind, spike } from './events';
import { type Draws, draws } from './random';
import type { LabelledSeries } from './types';

export interface BenchSize {
  seriesPerFamily: number;
  historyDays: number;
  judgedDays: number;
  seed: number;
}

/** `npm run bench:anomaly`. */
export const FULL_SIZE: BenchSize = { seriesPerFamily: 5, historyDays: 7, judgedDays: 7, seed: 1 };
/** The jest suite: every family, small. */
export const CI_SIZE: BenchSize = { seriesPerFamily: 1, historyDays: 7, judgedDays: 3, seed: 7 };

interface Ctx {
  d: Draws;
  n: number;
  judgeFrom: number;
  size: BenchSize;
  /** Position of the series in its family. */
  index: number;
}

/** Inject `kinds` in the judged part (one slot each) and the first of them once in the history. */
function inject(b: Builder, ctx: Ctx, kinds: EventKind[]): void {
  const positions = slots(ctx.d, ctx.judgeFrom, ctx.n - PER_HOUR, kinds.length);
  kinds.forEach((kind, k) => EVENTS[kind](b, positions[k]));
  const polluting = kinds.find((k) => k !== 'level-shift') ?? 'spike';
  EVENTS[polluting](b, ctx.d.int(PER_DAY, ctx.judgeFrom - PER_DAY));
}

function someOf(d: Draws, kinds: EventKind[], count: number): EventKind[] {
  return Array.from({ length: count }, () => d.pick(kinds));
}

/** A holiday on a weekday of the judged part, for half the series. */
function holidays(ctx: Ctx): number[] {
  if (ctx.d.uniform() < 0.5) {
    return [];
  }
  const first = Math.ceil(ctx.judgeFrom / PER_DAY);
  const weekdays = Array.from({ length: ctx.size.judgedDays - 1 }, (_, k) => first + k).filter((day) => day % 7 < 5);
  return weekdays.length ? [ctx.d.pick(weekdays)] : [];
}

function seasonalBase(ctx: Ctx): Builder {
  const level = ctx.d.between(50, 2000);
  const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: level * ctx.d.between(0.02, 0.06) }, level);
  return b.daily(ctx.d.between(0.3, 1.5)).weekly(ctx.d.between(0.45, 0.9), holidays(ctx));
}

const FAMILIES: Record<string, (ctx: Ctx) => Builder> = {
  seasonal(ctx) {
    const b = seasonalBase(ctx);
    inject(b, ctx, someOf(ctx.d, ['spike', 'dip', 'incident'], 3));
    return b;
  },
  trend(ctx) {
    const level = ctx.d.between(20, 500);
    const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: level * ctx.d.between(0.02, 0.05) }, level);
    b.trend(ctx.d.between(-0.02, 0.05)).daily(ctx.d.between(0, 0.4));
    inject(b, ctx, someOf(ctx.d, ['spike', 'dip', 'incident'], 3));
    return b;
  },
  'bursty-counts'(ctx) {
    // Low-rate counts (errors, retries per step): negative binomial, so routine bursts are normal.
    const mean = ctx.d.between(0.5, 8);
    const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'counts', shape: ctx.d.between(1, 4) }, mean);
    b.daily(ctx.d.between(0, 1)).weekly(ctx.d.between(0.6, 1));
    const positions = slots(ctx.d, ctx.judgeFrom, ctx.n - PER_HOUR, 3);
    for (const at of [...positions, ctx.d.int(PER_DAY, ctx.judgeFrom - PER_DAY)]) {
      const length = ctx.d.int(2, 6);
      const factor = ctx.d.between(6, 12);
      const extra = Math.max(8, factor * b.mu[at]);
      b.add(at, length, () => extra);
      b.label('anomaly', at, at + length - 1, 'error burst');
    }
    return b;
  },
  quantised(ctx) {
    // CPU in 5 % steps with a few distinct levels, or a small integer gauge (replicas, connections).
    const cpu = ctx.d.uniform() < 0.5;
    const level = cpu ? ctx.d.between(15, 40) : ctx.d.between(3, 12);
    const b = new Builder(
      ctx.d,
      ctx.n,
      ctx.judgeFrom,
      { kind: 'gauss', sd: cpu ? ctx.d.between(1.5, 3) : ctx.d.between(0.3, 0.8) },
      level
    );
    b.quantum = cpu ? 5 : 1;
    b.daily(ctx.d.between(0, 0.3));
    const positions = slots(ctx.d, ctx.judgeFrom, ctx.n - PER_HOUR, 3);
    for (const at of [...positions, ctx.d.int(PER_DAY, ctx.judgeFrom - PER_DAY)]) {
      const length = ctx.d.int(2, 12);
      const delta = cpu ? ctx.d.between(35, 55) : ctx.d.pick([-1, 1]) * Math.max(3, level * ctx.d.between(0.5, 0.9));
      b.add(at, length, () => delta);
      b.label('anomaly', at, at + length - 1, delta > 0 ? 'saturated' : 'dropped');
    }
    return b;
  },
  'periodic-job'(ctx) {
    // A batch job every hour or every 4 h that stops (or starts) in the judged part.
    const level = ctx.d.between(20, 200);
    const sd = level * ctx.d.between(0.02, 0.05);
    const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd }, level);
    b.daily(ctx.d.between(0, 0.3));
    const every = ctx.d.pick([PER_HOUR, 4 * PER_HOUR]);
    const height = ctx.d.between(8, 20) * sd;
    const [change, other] = slots(ctx.d, ctx.judgeFrom, ctx.n - PER_HOUR, 2);
    const stops = ctx.d.uniform() < 0.6;
    b.job(every, ctx.d.int(1, 2), height, stops ? 0 : change, stops ? change : ctx.n);
    b.label('regime', change, change + every + PER_HOUR, stops ? 'job stopped' : 'job started');
    // A run that hangs: the job's load stays on for 1–3 hours.
    const length = ctx.d.int(PER_HOUR, 3 * PER_HOUR);
    b.add(other, length, () => height);
    b.label('anomaly', other, other + length - 1, 'job hung');
    spike(b, ctx.d.int(PER_DAY, ctx.judgeFrom - PER_DAY));
    return b;
  },
  'level-shift'(ctx) {
    const level = ctx.d.between(50, 500);
    const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: level * ctx.d.between(0.02, 0.05) }, level);
    b.daily(ctx.d.between(0, 0.5));
    inject(b, ctx, ctx.d.uniform() < 0.5 ? ['level-shift', 'spike'] : ['spike', 'level-shift']);
    return b;
  },
  variance(ctx) {
    const b = seasonalBase(ctx);
    inject(b, ctx, ['variance', 'variance', 'spike']);
    return b;
  },
  drift(ctx) {
    const level = ctx.d.between(100, 1000);
    const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: level * ctx.d.between(0.01, 0.03) }, level);
    b.daily(ctx.d.between(0, 0.3));
    inject(b, ctx, ['drift', 'drift']);
    return b;
  },
  'missing-data'(ctx) {
    const b = seasonalBase(ctx);
    inject(b, ctx, someOf(ctx.d, ['spike', 'dip', 'incident'], 3));
    return b.gaps(ctx.d.between(0.005, 0.03), ctx.d.int(1, 2));
  },
  demo(ctx) {
    return demoSeries(ctx);
  },
  quiet(ctx) {
    // No incidents at all: every alert is a false one. The bases of the other families, clean.
    const kind = ctx.d.int(0, 3);
    if (kind === 0) {
      return seasonalBase(ctx);
    }
    if (kind === 1) {
      return new Builder(
        ctx.d,
        ctx.n,
        ctx.judgeFrom,
        { kind: 'counts', shape: ctx.d.between(1, 4) },
        ctx.d.between(0.5, 8)
      ).daily(0.8);
    }
    if (kind === 2) {
      const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: 2 }, ctx.d.between(15, 40));
      b.quantum = 5;
      return b;
    }
    const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: 3 }, 100);
    return b.job(PER_HOUR, 1, 40);
  },
};

/**
 * The demo's three signals per service, after demo/load.ts: a seasonal request rate (no incident),
 * an error ratio with a 15-minute burst to 30 % every 2 days, a p95 latency whose slow share jumps
 * for 25 minutes every 3 days. Each is watched as the Overview's "Anomalies to investigate" watches
 * it (src/pages/overview/anomalySignals.ts): an error ratio that falls is not an incident.
 */
function demoSeries(ctx: Ctx): Builder {
  // Request rate, error ratio, p95 latency in turn, like the overview's three signals per service.
  const which = ctx.index % 3;
  const { direction, minDeviation } = signalSpec((['requests', 'errors', 'latency'] as const)[which]);
  if (which === 0) {
    const b = seasonalBase(ctx);
    b.watch = { direction, minDeviation };
    return b;
  }
  const errors = which === 1;
  const base = errors ? ctx.d.between(0.002, 0.02) : ctx.d.between(0.08, 0.3);
  const b = new Builder(ctx.d, ctx.n, ctx.judgeFrom, { kind: 'gauss', sd: base * (errors ? 0.3 : 0.06) }, base);
  b.daily(errors ? 0 : 0.2);
  b.watch = { direction, minDeviation };
  const period = (errors ? 2 : 3) * PER_DAY;
  const length = errors ? 2 : 3;
  for (let at = ctx.d.int(0, period - 1); at < ctx.n; at += period) {
    if (errors) {
      b.add(at, length, () => 0.3);
    } else {
      b.scale(at, length, ctx.d.between(3, 5));
    }
    b.label('anomaly', at, at + length - 1, errors ? 'error burst' : 'latency spike');
  }
  return b;
}

export const FAMILY_NAMES = Object.keys(FAMILIES);

/** The whole evaluation set, deterministic for a size (and its seed). */
export function generateBench(size: BenchSize, families: string[] = FAMILY_NAMES): LabelledSeries[] {
  const out: LabelledSeries[] = [];
  const n = (size.historyDays + size.judgedDays) * PER_DAY;
  const judgeFrom = size.historyDays * PER_DAY;
  families.forEach((family) => {
    // Seeded by the family's place in the full list, so a subset run shows the same series.
    const f = FAMILY_NAMES.indexOf(family);
    for (let s = 0; s < size.seriesPerFamily; s++) {
      const d = draws(size.seed * 1_000_003 + f * 7919 + s * 104_729);
      const builder = FAMILIES[family]({ d, n, judgeFrom, size, index: s });
      out.push(builder.build(`${family}-${s + 1}`, family));
    }
  });
  return out;
}
