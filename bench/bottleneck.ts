// npm run bench:bottleneck — the "What moves with latency" finder on seeded synthetic cases with a
// known answer (tests/support/analytics/bottleneckScenarios.ts). Prints per cause kind how often the
// true cause is ranked first (recall@1), listed at all, and at the right lag; for no-cause cases the
// false-positive rate (any line shown), with and without the traffic control. Asserts nothing.
//   --seeds N     cases per kind (default 300)
//   --minutes N   points per case (default 360)
import { findBottlenecks } from '../src/analytics/correlate/finder';
import { CAUSE_ID, CAUSE_KINDS, hasCause, scenario } from '../tests/support/analytics/bottleneckScenarios';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
};
const out = (line = '') => process.stdout.write(`${line}\n`);
const pct = (k: number, n: number) => `${((100 * k) / n).toFixed(1)} %`.padStart(8);

const seeds = arg('seeds', 300);
const minutes = arg('minutes', 360);
out(
  `Bottleneck finder: ${seeds} cases per kind, ${minutes} one-minute points, Holm at α = 0.05 over signals × 7 lags.`
);
out('kind           first    listed   right lag  any line (FPR)  ms/case');
for (const kind of CAUSE_KINDS) {
  for (const controlled of kind === 'none' ? [true, false] : [true]) {
    let first = 0;
    let listed = 0;
    let rightLag = 0;
    let anyLine = 0;
    const started = performance.now();
    for (let seed = 1; seed <= seeds; seed++) {
      const s = scenario(kind, seed, minutes);
      const request = controlled ? s.request : { ...s.request, traffic: undefined };
      const outcome = findBottlenecks(request);
      if (!outcome.ok) {
        continue;
      }
      const cause = outcome.ranked.find((r) => r.id === CAUSE_ID);
      first += outcome.ranked[0]?.id === CAUSE_ID ? 1 : 0;
      listed += cause ? 1 : 0;
      rightLag += cause && cause.lag === s.causeLag ? 1 : 0;
      anyLine += outcome.ranked.length > 0 ? 1 : 0;
    }
    const ms = (performance.now() - started) / seeds;
    const name = kind === 'none' ? `none${controlled ? '' : ' (no ctl)'}` : kind;
    const known = hasCause(kind);
    out(
      `${name.padEnd(13)}${known ? pct(first, seeds) : '       –'}${known ? pct(listed, seeds) : '       –'}${
        known ? pct(rightLag, seeds) : '       –'
      }   ${known ? '             –' : pct(anyLine, seeds).padStart(14)}   ${ms.toFixed(1).padStart(6)}`
    );
  }
}
