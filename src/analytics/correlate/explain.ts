// Plain words for the finder's result. The worker returns numbers; the page words them with these
// (like the canary's explainCodes), so the wording is tested in Node and identical everywhere.
import type { BottleneckFindings, FinderTarget, SignalAssociation } from './types';

export type LevelFormatter = (value: number) => string;

const TARGET_NAME: Record<FinderTarget, string> = { p95: 'p95', 'error-ratio': 'The error ratio' };

/** "2 min", "30 s", "1 h": one step of the grid. */
export function describeStep(stepMs: number): string {
  const seconds = Math.round(stepMs / 1000);
  if (seconds % 3600 === 0 && seconds > 0) {
    return `${seconds / 3600} h`;
  }
  if (seconds % 60 === 0 && seconds > 0) {
    return `${seconds / 60} min`;
  }
  return `${seconds} s`;
}

/** "lag 0", "lag 2 min, I/O wait first", "lag −1 min, p95 first". */
export function describeLag(
  a: Pick<SignalAssociation, 'lag' | 'signal'>,
  target: FinderTarget,
  stepMs: number
): string {
  if (a.lag === 0) {
    return 'lag 0';
  }
  const span = describeStep(Math.abs(a.lag) * stepMs);
  return a.lag > 0 ? `lag ${span}, ${a.signal} first` : `lag −${span}, ${target === 'p95' ? 'p95' : 'errors'} first`;
}

/** "6×", "1.8×", "40 % of": how the worst intervals compare with the baseline. */
export function describeRatio(ratio: number): string {
  if (ratio >= 1) {
    return ratio >= 10 ? `${Math.round(ratio)}×` : `${(Math.round(ratio * 10) / 10).toString()}×`;
  }
  return `${Math.round(ratio * 100)} % of`;
}

/** "the slowest 5 % of minutes", "the 5 % of 2-min intervals with the most errors". */
export function describeWorst(target: FinderTarget, worstShare: number, stepMs: number): string {
  const share = `${Math.round(worstShare * 100)} %`;
  const unit = stepMs === 60_000 ? 'minutes' : `${describeStep(stepMs).replace(' ', '-')} intervals`;
  return target === 'p95' ? `the slowest ${share} of ${unit}` : `the ${share} of ${unit} with the most errors`;
}

/**
 * "checkout-1's", "calls to payments'": a name ending in s takes the apostrophe alone (service and
 * database names are mostly plural nouns: payments, orders).
 */
export function possessive(subject: string): string {
  return /s$/i.test(subject) ? `${subject}'` : `${subject}'s`;
}

/**
 * "p95 rose with checkout-1's CPU throttling (ρ = 0.82, lag 0); CPU throttling was 6× its usual level
 * during the slowest 5 % of minutes".
 */
export function describeAssociation(
  a: SignalAssociation,
  findings: Pick<BottleneckFindings, 'target' | 'stepMs' | 'worstShare'>,
  format: LevelFormatter = (v) => (Math.round(v * 1000) / 1000).toString()
): string {
  const { target, stepMs, worstShare } = findings;
  const verb = a.rho >= 0 ? 'rose with' : 'rose as';
  const after = a.rho >= 0 ? '' : ' fell';
  const rho = `ρ = ${a.rho.toFixed(2)}`;
  const head = `${TARGET_NAME[target]} ${verb} ${possessive(a.subject)} ${a.signal}${after} (${rho}, ${describeLag(a, target, stepMs)})`;
  const worst = describeWorst(target, worstShare, stepMs);
  const level =
    a.ratio === null
      ? `${a.signal} averaged ${format(a.worstLevel)} during ${worst}, against a usual ${format(a.baselineLevel)}`
      : `${a.signal} was ${describeRatio(a.ratio)} its usual level during ${worst}`;
  return `${head}; ${level}`;
}

/** Why nothing is listed, in words that say what to do. */
export function describeNothingFound(findings: BottleneckFindings): string {
  const what = findings.target === 'p95' ? 'p95' : 'the error ratio';
  const tried = `${findings.signals} signals at ${findings.tests} signal × lag combinations`;
  if (!findings.strongest) {
    return `No signal could be tested against ${what} in this range (no candidate has enough data). Widen the range or check that the exporters are scraped.`;
  }
  return `No signal moves with ${what} in this range beyond chance (${tried} tried). Widen the range to include more slow periods, or narrow it around one.`;
}
