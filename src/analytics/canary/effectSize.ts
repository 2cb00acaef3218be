/**
 * Cliff's δ = P(canary > baseline) − P(canary < baseline), from U₁ (which counts ties as ½):
 * δ = 2·U₁/(mn) − 1. It equals the rank-biserial correlation, needs no distributional assumption,
 * and reads as "how often a canary sample beats a baseline sample".
 */
export function cliffsDeltaFromU(u1: number, m: number, n: number): number {
  return (2 * u1) / (m * n) - 1;
}

/** Romano et al. (2006) thresholds for |δ|: 0.147, 0.33, 0.474. */
export function effectLabel(delta: number): 'negligible' | 'small' | 'medium' | 'large' {
  const a = Math.abs(delta);
  if (a < 0.147) {
    return 'negligible';
  }
  if (a < 0.33) {
    return 'small';
  }
  if (a < 0.474) {
    return 'medium';
  }
  return 'large';
}
