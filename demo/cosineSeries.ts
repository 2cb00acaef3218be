/**
 * Closed-form integrals of trigonometric polynomials, so a cumulative counter can be computed at any
 * instant directly (no replay from the start): a request rate is R·L(t) with L a sum of cosines, and
 * the counter is R·∫L. Products (load × slow-request fraction) stay in the same family through
 * product-to-sum identities, and integrals over recurring incident windows have closed forms via
 * sums of sines in arithmetic progression.
 */

/** amp · cos(omega · t + phase); omega = 0 is a constant. */
export interface CosineTerm {
  amp: number;
  omega: number;
  phase: number;
}

export type CosineSeries = CosineTerm[];

export function constant(value: number): CosineSeries {
  return [{ amp: value, omega: 0, phase: 0 }];
}

export function add(...series: CosineSeries[]): CosineSeries {
  return series.flat();
}

export function scale(series: CosineSeries, factor: number): CosineSeries {
  return series.map((term) => ({ ...term, amp: term.amp * factor }));
}

/** cos a · cos b = ½ [cos(a − b) + cos(a + b)]. */
export function multiply(left: CosineSeries, right: CosineSeries): CosineSeries {
  const out: CosineSeries = [];
  for (const a of left) {
    for (const b of right) {
      if (a.omega === 0 || b.omega === 0) {
        const wave = a.omega === 0 ? b : a;
        const level = a.omega === 0 ? a : b;
        out.push({ amp: level.amp * Math.cos(level.phase) * wave.amp, omega: wave.omega, phase: wave.phase });
        continue;
      }
      out.push({ amp: (a.amp * b.amp) / 2, omega: a.omega - b.omega, phase: a.phase - b.phase });
      out.push({ amp: (a.amp * b.amp) / 2, omega: a.omega + b.omega, phase: a.phase + b.phase });
    }
  }
  return out.map(normalise);
}

/** Fold negative or vanishing frequencies back so `omega` is either 0 or positive. */
function normalise(term: CosineTerm): CosineTerm {
  if (Math.abs(term.omega) < 1e-15) {
    return { amp: term.amp * Math.cos(term.phase), omega: 0, phase: 0 };
  }
  return term.omega < 0 ? { amp: term.amp, omega: -term.omega, phase: -term.phase } : term;
}

export function evaluate(series: CosineSeries, t: number): number {
  let sum = 0;
  for (const term of series) {
    sum += term.omega === 0 ? term.amp : term.amp * Math.cos(term.omega * t + term.phase);
  }
  return sum;
}

/** An antiderivative G with G(t) − G(s) = ∫ₛᵗ series. */
export function antiderivative(series: CosineSeries, t: number): number {
  let sum = 0;
  for (const term of series) {
    sum += term.omega === 0 ? term.amp * t : (term.amp * Math.sin(term.omega * t + term.phase)) / term.omega;
  }
  return sum;
}

export function integral(series: CosineSeries, from: number, to: number): number {
  return antiderivative(series, to) - antiderivative(series, from);
}

/** Σ_{i=0}^{n−1} sin(a + i·d), including the degenerate case d ≡ 0 (mod 2π). */
export function sumSinArithmetic(a: number, d: number, n: number): number {
  if (n <= 0) {
    return 0;
  }
  const half = Math.sin(d / 2);
  if (Math.abs(half) < 1e-9) {
    return n * Math.sin(a);
  }
  return (Math.sin((n * d) / 2) / half) * Math.sin(a + ((n - 1) * d) / 2);
}

/** Windows [offset + i·period, offset + i·period + duration) for i = 0, 1, 2, … */
export interface RecurringWindow {
  offset: number;
  period: number;
  duration: number;
}

/** ∫₀ᵗ 1[t in a window] · series(t) dt, exact. */
export function windowedIntegral(series: CosineSeries, window: RecurringWindow, t: number): number {
  const { offset, period, duration } = window;
  if (t <= offset) {
    return 0;
  }
  const finished = Math.max(0, Math.floor((t - offset - duration) / period) + 1);
  let total = 0;
  for (const term of series) {
    if (term.omega === 0) {
      total += term.amp * duration * finished;
      continue;
    }
    const step = term.omega * period;
    const ends = sumSinArithmetic(term.omega * (offset + duration) + term.phase, step, finished);
    const starts = sumSinArithmetic(term.omega * offset + term.phase, step, finished);
    total += (term.amp / term.omega) * (ends - starts);
  }
  const openStart = offset + finished * period;
  if (openStart < t) {
    total += integral(series, openStart, Math.min(t, openStart + duration));
  }
  return total;
}

export function inWindow(window: RecurringWindow, t: number): boolean {
  if (t < window.offset) {
    return false;
  }
  return (t - window.offset) % window.period < window.duration;
}
