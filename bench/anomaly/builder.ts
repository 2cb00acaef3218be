// A series under construction: an expected value and a noise scale per point, events that bend
// them (each with its label), and a sampler that turns them into observed values.
import { type Draws } from './random';
import type { Label, LabelKind, LabelledSeries } from './types';

export const STEP_MS = 10 * 60_000;
export const PER_DAY = 144;
export const PER_HOUR = 6;
/** A Monday, so weekends fall on days 5–6 of each week. */
export const START_MS = Date.UTC(2026, 0, 5);

export type Noise = { kind: 'gauss'; sd: number } | { kind: 'counts'; shape: number };

export class Builder {
  readonly mu: Float64Array;
  /** Multiplier of the noise scale (a variance change raises it). */
  readonly noiseScale: Float64Array;
  readonly labels: Label[] = [];
  readonly missing: Uint8Array;
  /** 0 at night, 1 at the daily peak (set by daily()). */
  readonly busy: Float64Array;
  quantum = 0;
  floor = 0;
  watch: LabelledSeries['watch'];

  constructor(
    readonly d: Draws,
    readonly n: number,
    readonly judgeFrom: number,
    public noise: Noise,
    level: number
  ) {
    this.mu = new Float64Array(n).fill(level);
    this.noiseScale = new Float64Array(n).fill(1);
    this.missing = new Uint8Array(n);
    this.busy = new Float64Array(n).fill(1);
  }

  /** A working-hours bump on a night trough; `amplitude` is the peak's share above the trough. */
  daily(amplitude: number, peakHour = this.d.between(11, 16)): this {
    const width = this.d.between(3, 5);
    for (let i = 0; i < this.n; i++) {
      const hour = ((i % PER_DAY) / PER_DAY) * 24;
      const distance = Math.min(Math.abs(hour - peakHour), 24 - Math.abs(hour - peakHour));
      this.mu[i] *= 1 + amplitude * Math.exp(-0.5 * (distance / width) ** 2);
    }
    return this;
  }

  /**
   * Weekends (and given holidays) at `factor` of a weekday in the busy hours; the night trough moves
   * much less (traffic that never sleeps: batch, bots, other time zones). Days blend over 3 hours.
   */
  weekly(factor: number, holidays: number[] = []): this {
    const quiet = (day: number) => (day % 7 >= 5 || holidays.includes(day) ? 1 : 0);
    const ramp = 3 * PER_HOUR;
    for (let i = 0; i < this.n; i++) {
      const day = Math.floor(i / PER_DAY);
      const into = i % PER_DAY;
      const share = into < ramp ? quiet(day - 1) + ((quiet(day) - quiet(day - 1)) * into) / ramp : quiet(day);
      this.mu[i] *= Math.pow(factor, share * (0.15 + 0.85 * this.busy[i]));
    }
    for (const day of holidays) {
      this.label('ignore', day * PER_DAY, (day + 1) * PER_DAY + PER_HOUR, 'holiday');
    }
    return this;
  }

  trend(perDay: number): this {
    for (let i = 0; i < this.n; i++) {
      this.mu[i] *= 1 + (perDay * i) / PER_DAY;
    }
    return this;
  }

  /** A job every `every` points adding `height` for `length` points, between `from` and `to`. */
  job(every: number, length: number, height: number, from = 0, to = this.n): this {
    const phase = this.d.int(0, every - 1);
    for (let i = from; i < to; i++) {
      if ((i - phase + every * 1000) % every < length) {
        this.mu[i] += height;
      }
    }
    return this;
  }

  /** The spread of one point's noise around its mean (for sizing events in noise units). */
  sd(i: number): number {
    return this.noise.kind === 'gauss' ? this.noise.sd * this.noiseScale[i] : Math.sqrt(Math.max(1, this.mu[i]));
  }

  label(kind: LabelKind, start: number, end: number, what: string): this {
    this.labels.push({ kind, start: Math.max(0, start), end: Math.min(this.n - 1, end), what });
    return this;
  }

  add(start: number, length: number, delta: (offset: number, i: number) => number): void {
    for (let k = 0; k < length && start + k < this.n; k++) {
      this.mu[start + k] += delta(k, start + k);
    }
  }

  scale(start: number, length: number, factor: number): void {
    for (let k = 0; k < length && start + k < this.n; k++) {
      this.mu[start + k] *= factor;
    }
  }

  /** Drop `share` of points at random and a few longer gaps (scrape failures, restarts). */
  gaps(share: number, longGaps: number): this {
    for (let i = 0; i < this.n; i++) {
      if (this.d.uniform() < share) {
        this.missing[i] = 1;
      }
    }
    for (let g = 0; g < longGaps; g++) {
      const start = this.d.int(PER_DAY, this.n - PER_DAY);
      this.missing.fill(1, start, start + this.d.int(PER_HOUR, 6 * PER_HOUR));
    }
    return this;
  }

  build(id: string, family: string): LabelledSeries {
    const values: Array<number | null> = new Array(this.n);
    for (let i = 0; i < this.n; i++) {
      if (this.missing[i]) {
        values[i] = null;
        continue;
      }
      const mu = Math.max(0, this.mu[i]);
      let v =
        this.noise.kind === 'gauss'
          ? mu + this.noise.sd * this.noiseScale[i] * this.d.normal()
          : this.d.negBin(mu * this.noiseScale[i], this.noise.shape) / this.noiseScale[i];
      if (this.quantum > 0) {
        v = Math.round(v / this.quantum) * this.quantum;
      }
      values[i] = Math.max(this.floor, v);
    }
    const labels = [...this.labels].sort((a, b) => a.start - b.start);
    const series: LabelledSeries = { id, family, startMs: START_MS, stepMs: STEP_MS, values, labels, judgeFrom: this.judgeFrom };
    return this.watch ? { ...series, watch: this.watch } : series;
  }
}

/**
 * `count` event positions in [from, to), one per equal slot, away from the slot edges so events
 * (and the day after a regime change) do not overlap.
 */
export function slots(d: Draws, from: number, to: number, count: number): number[] {
  const width = Math.floor((to - from) / Math.max(1, count));
  return Array.from(
    { length: count },
    (_, k) => from + k * width + d.int(Math.floor(width * 0.1), Math.floor(width * 0.45))
  );
}
