// Incidents and changes injected into a Builder, each sized in noise units so "clear to a careful
// operator" means the same on a busy and a quiet series, and each labelled where it happens.
import { type Builder, PER_DAY, PER_HOUR } from './builder';

export type EventKind = 'spike' | 'dip' | 'incident' | 'variance' | 'drift' | 'level-shift';

/** A short burst well above normal: 1–3 points, 6–12 noise units. */
export function spike(b: Builder, at: number): void {
  const length = b.d.int(1, 3);
  const height = b.d.between(6, 12) * b.sd(at);
  b.add(at, length, () => height);
  b.label('anomaly', at, at + length - 1, 'spike');
}

/** A short drop: 2–6 points at 10–45 % of normal (a failing dependency, a partial outage). */
export function dip(b: Builder, at: number): void {
  const length = b.d.int(2, 6);
  const factor = b.d.between(0.1, 0.45);
  // Too small a series to drop visibly: make it a deeper, longer dip rather than an invisible one.
  const visible = (1 - factor) * b.mu[at] >= 5 * b.sd(at) ? factor : 0;
  b.scale(at, length, visible);
  b.label('anomaly', at, at + length - 1, 'dip');
}

/** A sustained departure: 30 min – 3 h, 3–6 noise units, up or down. */
export function incident(b: Builder, at: number): void {
  const length = b.d.int(3, 18);
  const sign = b.d.uniform() < 0.7 ? 1 : -1;
  const delta = sign * b.d.between(3, 6) * b.sd(at);
  b.add(at, length, () => delta);
  b.label('anomaly', at, at + length - 1, sign > 0 ? 'sustained rise' : 'sustained drop');
}

/** The noise grows 4–7x for 1–4 hours around an unchanged mean (a flapping dependency). */
export function varianceBurst(b: Builder, at: number): void {
  const length = b.d.int(PER_HOUR, 4 * PER_HOUR);
  const factor = b.d.between(4, 7);
  for (let k = 0; k < length && at + k < b.n; k++) {
    b.noiseScale[at + k] *= factor;
  }
  b.label('anomaly', at, at + length - 1, 'variance burst');
}

/** A slow climb over 3–10 hours to 6–10 noise units, then a reset (a leak and its restart). */
export function drift(b: Builder, at: number): void {
  const length = b.d.int(3 * PER_HOUR, 10 * PER_HOUR);
  const top = b.d.between(6, 10) * b.sd(at);
  b.add(at, length, (k) => (top * (k + 1)) / length);
  b.label('anomaly', at, at + length - 1, 'slow drift');
}

/** A lasting move of 5–10 noise units: reported once, then the new level is normal. */
export function levelShift(b: Builder, at: number): void {
  const sign = b.d.uniform() < 0.5 ? 1 : -1;
  const delta = sign * b.d.between(5, 10) * b.sd(at);
  b.add(at, b.n - at, () => delta);
  b.label('regime', at, at + PER_HOUR, sign > 0 ? 'level shifted up' : 'level shifted down');
}

export const EVENTS: Record<EventKind, (b: Builder, at: number) => void> = {
  spike,
  dip,
  incident,
  variance: varianceBurst,
  drift,
  'level-shift': levelShift,
};

/** Window after a regime change in which the detector learns the new normal (alerts ignored). */
export const REGIME_GRACE = PER_DAY / 2;
