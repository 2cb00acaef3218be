// npm run bench:anomaly — the anomaly detectors on a labelled, seeded set of operational series,
// judged causally (see bench/anomaly/protocol.ts) and scored by events (bench/anomaly/scoring.ts).
// Prints figures and asserts nothing. Options: --series-per-family N, --families a,b, --detectors gaussian,mad,…, --seed N,
// --threads N (default: all cores).
import { availableParallelism } from 'node:os';

import { DETECTORS } from './anomaly/detectors';
import { FAMILY_NAMES, FULL_SIZE, generateBench } from './anomaly/generator';
import { scoreInWorkers } from './anomaly/pool';
import { DEFAULT_PROTOCOL } from './anomaly/protocol';
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
  out(
    `# Anomaly benchmark: ${set.length} series (${families.length} families × ${size.seriesPerFamily}), ${size.historyDays} d history + ${size.judgedDays} d judged at 10 min, seed ${size.seed}`
  );
  out(
    `Causal: refit every ${DEFAULT_PROTOCOL.every} points on the trailing ${DEFAULT_PROTOCOL.trainPoints} points, judge the next ${DEFAULT_PROTOCOL.every} out of sample.`
  );
  out('');
  const runs: DetectorRun[] = [];
  for (const key of detectors) {
    const { scores, seconds } = await scoreInWorkers(key, size, families, set.length, threads);
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
