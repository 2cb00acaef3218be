// The demo's year in a VictoriaMetrics: 13 months of history written with the import API, then the
// long-term aggregates (hourly and daily, infrastructure/victoriametrics/long-term-rules.yaml)
// replayed over it with vmalert, as the stack's `long-term-history` and `long-term-aggregates` steps
// do. Shared by the long-term integration tests and the screens harness.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { writeLongTermHistory } from '../../../demo/longTermHistory';

import { forceFlush } from './victoriaMetrics';

const DAY = 86400;
const RULES = join(__dirname, '..', '..', '..', 'infrastructure', 'victoriametrics', 'long-term-rules.yaml');

export interface DemoYearOptions {
  vmUrl: string;
  /** Last sample (Unix seconds). */
  endSeconds: number;
  days: number;
  /** History step: 3600 s writes a quarter of the stack's 15-minute backfill. */
  stepSeconds: number;
  /** Seconds of aggregates to replay, back from `endSeconds`. */
  replaySeconds: number;
  target?: { job: string; instance: string };
}

export async function loadDemoYear(o: DemoYearOptions): Promise<{ writeSeconds: number; replaySeconds: number }> {
  const started = Date.now();
  await writeLongTermHistory({
    vmUrl: o.vmUrl,
    seed: 42,
    days: o.days,
    stepSeconds: o.stepSeconds,
    endSeconds: o.endSeconds,
    conventions: ['otel'],
    target: o.target ?? { job: 'demo', instance: 'demo:9464' },
    extraLabels: {},
  });
  await forceFlush(o.vmUrl);
  const written = Date.now();
  await promisify(execFile)('vmalert', [
    `-rule=${RULES}`,
    `-datasource.url=${o.vmUrl}`,
    `-remoteWrite.url=${o.vmUrl}`,
    `-replay.timeFrom=${new Date((o.endSeconds - o.replaySeconds - DAY) * 1000).toISOString()}`,
    `-replay.timeTo=${new Date(o.endSeconds * 1000).toISOString()}`,
    '-replay.rulesDelay=0s',
    '-datasource.queryStep=0s',
    '-loggerLevel=WARN',
  ]);
  await forceFlush(o.vmUrl);
  return { writeSeconds: (written - started) / 1000, replaySeconds: (Date.now() - written) / 1000 };
}
