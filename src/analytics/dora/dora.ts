// The four DORA measures from a list of deployment runs (one per CI run, exact: see the deploy
// command's grouping design) and the P1/P2 incidents of the services deployed.
import { sortedQuantile } from '../stats/robust';

import { type DoraBand, type DoraMeasure, DAY, doraBand } from './bands';

export type DeployStatus = 'success' | 'failure' | 'rolled_back';

export interface DeployRunRecord {
  service: string;
  environment: string;
  runId: string;
  status: DeployStatus;
  /** Unix seconds. */
  finishedAt: number;
  durationSeconds?: number;
  leadTimeSeconds?: number;
  version?: string;
  commit?: string;
  url?: string;
}

export interface IncidentStart {
  service: string;
  /** Unix seconds when the P1/P2 alert started firing. */
  at: number;
}

/**
 * A successful deployment followed within this window by a P1/P2 alert of the same service counts
 * as a failed change: one hour is long enough for the burn-rate and latency alerts (their `for` is
 * 2 to 15 minutes on 5-minute windows) and short enough not to blame the deploy for unrelated later
 * trouble.
 */
export const ALERT_LINK_WINDOW_SECONDS = 3600;

export interface MeasureValue {
  value: number;
  band: DoraBand | undefined;
  /** The same measure over the first and the second half of the range (NaN without data). */
  trend: { first: number; second: number };
  /** How many runs (or restores) the value rests on. */
  n: number;
}

export interface DoraSummary {
  deploymentFrequency: MeasureValue;
  leadTimeMedian: MeasureValue;
  leadTimeP90: number;
  changeFailureRate: MeasureValue & { failed: number; alertLinked: number };
  timeToRestore: MeasureValue;
}

export interface DoraInput {
  runs: readonly DeployRunRecord[];
  incidents: readonly IncidentStart[];
  /** Range, Unix seconds. */
  from: number;
  to: number;
  alertWindowSeconds?: number;
}

/** Keeps one record per (service, environment, run id): the latest finish wins (a re-reported run). */
export function distinctRuns(runs: readonly DeployRunRecord[]): DeployRunRecord[] {
  const byKey = new Map<string, DeployRunRecord>();
  for (const run of runs) {
    const key = JSON.stringify([run.service, run.environment, run.runId]);
    const seen = byKey.get(key);
    if (!seen || run.finishedAt > seen.finishedAt) {
      byKey.set(key, run);
    }
  }
  return [...byKey.values()].sort((a, b) => a.finishedAt - b.finishedAt);
}

function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

function isFailedChange(
  run: DeployRunRecord,
  incidents: readonly IncidentStart[],
  window: number
): 'status' | 'alert' | undefined {
  if (run.status !== 'success') {
    return 'status';
  }
  return incidents.some((i) => i.service === run.service && i.at >= run.finishedAt && i.at <= run.finishedAt + window)
    ? 'alert'
    : undefined;
}

/**
 * Failure → next success of the same service and environment. Only the first failure of a streak
 * starts a restore: three failed attempts before a fix are one outage, not three.
 */
function restoreTimes(runs: readonly DeployRunRecord[]): Array<{ at: number; seconds: number }> {
  const out: Array<{ at: number; seconds: number }> = [];
  const open = new Map<string, number>();
  for (const run of runs) {
    const key = JSON.stringify([run.service, run.environment]);
    const since = open.get(key);
    if (run.status === 'success') {
      if (since !== undefined) {
        out.push({ at: since, seconds: run.finishedAt - since });
        open.delete(key);
      }
    } else if (since === undefined) {
      open.set(key, run.finishedAt);
    }
  }
  return out;
}

function measure(kind: DoraMeasure, whole: number, halves: [number, number], n: number): MeasureValue {
  return { value: whole, band: doraBand(kind, whole), trend: { first: halves[0], second: halves[1] }, n };
}

function median(values: number[]): number {
  return sortedQuantile(sorted(values), 0.5);
}

export function doraSummary(input: DoraInput): DoraSummary {
  const window = input.alertWindowSeconds ?? ALERT_LINK_WINDOW_SECONDS;
  const runs = distinctRuns(input.runs).filter((r) => r.finishedAt >= input.from && r.finishedAt <= input.to);
  const mid = (input.from + input.to) / 2;
  const halves = [runs.filter((r) => r.finishedAt < mid), runs.filter((r) => r.finishedAt >= mid)] as const;
  const days = Math.max(input.to - input.from, 1) / DAY;

  const successes = (rs: readonly DeployRunRecord[]) => rs.filter((r) => r.status === 'success');
  const frequency = (rs: readonly DeployRunRecord[], span: number) => successes(rs).length / span;

  const leads = (rs: readonly DeployRunRecord[]) =>
    successes(rs)
      .map((r) => r.leadTimeSeconds)
      .filter((v): v is number => v !== undefined && Number.isFinite(v) && v >= 0);

  const failures = (rs: readonly DeployRunRecord[]) => rs.map((r) => isFailedChange(r, input.incidents, window));
  const rate = (rs: readonly DeployRunRecord[]) => {
    const f = failures(rs);
    return rs.length ? f.filter(Boolean).length / rs.length : NaN;
  };

  const restores = restoreTimes(distinctRuns(input.runs)).filter((r) => r.at >= input.from && r.at <= input.to);
  const restoreMedian = (rs: typeof restores) => (rs.length ? median(rs.map((r) => r.seconds)) : NaN);

  const allFailures = failures(runs);
  const leadAll = leads(runs);
  return {
    deploymentFrequency: measure(
      'deploymentFrequency',
      frequency(runs, days),
      [frequency(halves[0], days / 2), frequency(halves[1], days / 2)],
      successes(runs).length
    ),
    leadTimeMedian: measure(
      'leadTime',
      leadAll.length ? median(leadAll) : NaN,
      [leads(halves[0]), leads(halves[1])].map((l) => (l.length ? median(l) : NaN)) as [number, number],
      leadAll.length
    ),
    leadTimeP90: leadAll.length ? sortedQuantile(sorted(leadAll), 0.9) : NaN,
    changeFailureRate: {
      ...measure('changeFailureRate', rate(runs), [rate(halves[0]), rate(halves[1])], runs.length),
      failed: allFailures.filter((f) => f === 'status').length,
      alertLinked: allFailures.filter((f) => f === 'alert').length,
    },
    timeToRestore: measure(
      'timeToRestore',
      restoreMedian(restores),
      [restoreMedian(restores.filter((r) => r.at < mid)), restoreMedian(restores.filter((r) => r.at >= mid))],
      restores.length
    ),
  };
}

/**
 * Onsets of firing alerts from a range query's samples: a new onset wherever a sample follows a
 * gap longer than `gapSeconds` (or is the series' first).
 */
export function alertOnsets(service: string, timestamps: readonly number[], gapSeconds: number): IncidentStart[] {
  const out: IncidentStart[] = [];
  let previous = -Infinity;
  for (const t of timestamps) {
    if (t - previous > gapSeconds) {
      out.push({ service, at: t });
    }
    previous = t;
  }
  return out;
}
