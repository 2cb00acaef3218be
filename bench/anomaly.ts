// npm run bench:anomaly — the anomaly detectors on a labelled, seeded set of operational series,
// judged causally (see bench/anomaly/protocol.ts) and scored by events (bench/anomaly/scoring.ts).
// Prints figures and asserts nothing. Options: --series-per-family N, --families a,b, --detectors gaussian,mad,…, --seed N,
// --threads N (default: all cores), --step M (minutes the detectors see: 10, or a multiple, each value
// the mean of the 10-minute points it covers, as a longer range's query returns it), --train-days D
// (the trailing history each refit may use: the panel's range).
import { availableParallelism } from 'node:os';

import { PER_DAY, STEP_MS } from './anomaly/builder';
import { DETECTORS } from './anomaly/detectors';
import { FAMILY_NAMES, FULL_SIZE, generateBench } from './anomaly/generator';
import { scoreInWorkers } from './anomaly/pool';
import { DEFAULT_PROTOCOL, type Protocol } from './anomaly/protocol';
import { type DetectorRun, report } from './anomaly/report';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const out = (line = '') => process.stdout.write(`${line}\n`);

async function main() {
  const size = {
    ...FULL_SIZE,
    seriesPerFamily: Number(arg('series-per-family')) || FULL_SIZE.seriesPerFamily,
    seed: Number(arg('seed')) || FULL_SIZE.seed,
  };
  const families = arg('families')?.split(',') ?? FAMILY_NAMES;
  const set = generateBench(size, families);
  const detectors = arg('detectors')?.split(',') ?? Object.keys(DETECTORS);
  const threads = Number(arg('threads')) || availableParallelism();
  // The series' own step (10 min); --step may only coarsen it.
  const fine = STEP_MS / 60_000;
  const step = Number(arg('step') ?? fine);
  const trainDays = Number(arg('train-days') ?? DEFAULT_PROTOCOL.trainPoints / PER_DAY);
  if (!(step >= fine && step % fine === 0) || !(trainDays > 0 && trainDays <= size.historyDays)) {
    throw new Error(`--step must be a multiple of ${fine} (minutes) and --train-days in (0, ${size.historyDays}]`);
  }
  const protocol: Protocol = {
    ...DEFAULT_PROTOCOL,
    coarsen: step / fine,
    trainPoints: Math.round(trainDays * PER_DAY),
  };
  out(
    `# Anomaly benchmark: ${set.length} series (${families.length} families × ${size.seriesPerFamily}), ${size.historyDays} d history + ${size.judgedDays} d judged, seen at ${step} min, seed ${size.seed}`
  );
  out(
    `Causal: refit every ${(protocol.every * STEP_MS) / 3_600_000} h on the trailing ${trainDays} d, judge the points until the next refit out of sample.`
  );
  out('');
  const runs: DetectorRun[] = [];
  for (const key of detectors) {
    const { scores, seconds } = await scoreInWorkers(key, size, families, set.length, threads, protocol);
    const name = DETECTORS[key]().name;
    out(`${name}: ${seconds.toFixed(1)} s on ${threads} threads`);
    runs.push({ detector: name, scores, seconds });
  }
  out('');
  out(report(runs));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
