// npm run bench:capacity — the capacity backtest: synthetic saturation series with a known crossing
// time (and the demo's own volumes and containers) through the Trends page's capacity path. Prints
// per family the median error of "likely" as a share of the true remaining time, how often the truth
// lies between earliest and latest (95 % band), and the share of false crossings. Asserts nothing.
//   --per-cell N   cases per family and noise level (default 30)
//   --demo N       demo "now" times (default 12)
//   --seed N       generator seed (default 1)
//   --verbose      one line per miss
import { demoCases } from './capacity/demoCases';
import { runBacktest } from './capacity/engine';
import { BACKTEST_HORIZON_MS, BACKTEST_STEP_MS, BACKTEST_THRESHOLD, DAY, syntheticCases } from './capacity/families';
import { TARGETS, covers, formatTable, relativeError, scoreByFamily } from './capacity/score';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
};
const out = (line = '') => process.stdout.write(`${line}\n`);

async function main() {
  const perCell = arg('per-cell', 30);
  const cases = [...syntheticCases(perCell, arg('seed', 1)), ...demoCases(arg('demo', 12))];
  const started = Date.now();
  const scored = await runBacktest(cases);
  const seconds = (Date.now() - started) / 1000;
  out(
    `Capacity backtest: ${cases.length} series, a week at ${BACKTEST_STEP_MS / 60_000} min steps, threshold ${BACKTEST_THRESHOLD * 100} %, ` +
      `horizon ${BACKTEST_HORIZON_MS / DAY} d, 95 % band (${seconds.toFixed(1)} s).`
  );
  out(
    `Targets: median error ≤ ${TARGETS.medianError * 100} %, truth in [earliest, latest] ≥ ${TARGETS.coverage * 100} %, ` +
      `false crossings ≤ ${TARGETS.falseCrossings * 100} %. "miss" = no likely crossing where there is one.`
  );
  out();
  out(formatTable(scoreByFamily(scored)));
  out();
  out(formatTable(scoreByFamily(scored, true)));
  if (args.includes('--verbose')) {
    out();
    for (const s of scored) {
      const c = s.case;
      const bad = c.truthMs === undefined ? s.answer.status === 'crosses' || s.answer.status === 'already-over' : relativeError(c, s.answer) > TARGETS.medianError || !covers(c, s.answer);
      if (bad) {
        const truth = c.truthMs === undefined ? 'none' : `${((c.truthMs - c.nowMs) / DAY).toFixed(2)} d`;
        const likely = s.answer.likelyMs === undefined ? '–' : `${((s.answer.likelyMs - c.nowMs) / DAY).toFixed(2)} d`;
        out(`${c.id}: truth ${truth}, ${s.answer.status} likely ${likely} — ${s.answer.reason}`);
      }
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
