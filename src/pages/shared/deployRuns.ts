// Deployment runs from the catalogue's per-run instant queries (table format: one row per run, a
// column per label), shared by the Deployment Pipeline page and the deploy markers on every chart.
import type { DataFrame } from '@grafana/data';

import type { DeployRunRecord, DeployStatus } from '../../analytics';

const STATUSES: readonly DeployStatus[] = ['success', 'failure', 'rolled_back'];

function column(frame: DataFrame, name: string): unknown[] | undefined {
  const field = frame.fields.find((f) => f.name === name);
  return field ? Array.from(field.values as ArrayLike<unknown>) : undefined;
}

function valueColumn(frame: DataFrame): unknown[] | undefined {
  const field = frame.fields.find((f) => f.name === 'Value' || f.name.startsWith('Value #'));
  return field ? Array.from(field.values as ArrayLike<unknown>) : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function runKey(r: Pick<DeployRunRecord, 'service' | 'environment' | 'runId'>): string {
  return JSON.stringify([r.service, r.environment, r.runId]);
}

/** Per-run numbers (durations, lead times) by run key. */
export function perRunValues(frames: readonly DataFrame[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const frame of frames) {
    const [service, environment, runId, values] = [
      column(frame, 'service'),
      column(frame, 'environment'),
      column(frame, 'run_id'),
      valueColumn(frame),
    ];
    if (!service || !environment || !runId || !values) {
      continue;
    }
    values.forEach((v, i) => {
      const n = Number(v);
      if (Number.isFinite(n)) {
        out.set(
          runKey({ service: String(service[i]), environment: String(environment[i]), runId: String(runId[i]) }),
          n
        );
      }
    });
  }
  return out;
}

/**
 * Runs from the `runs` frames (value = finish time, Unix s). A row with an unknown status or no
 * finish time is skipped rather than guessed.
 */
export function runsFromFrames(
  frames: readonly DataFrame[],
  durations = new Map<string, number>(),
  leadTimes = new Map<string, number>()
): DeployRunRecord[] {
  const out: DeployRunRecord[] = [];
  for (const frame of frames) {
    const cols = Object.fromEntries(
      ['service', 'environment', 'run_id', 'status', 'version', 'commit', 'url'].map((n) => [n, column(frame, n)])
    );
    const values = valueColumn(frame);
    if (!values || !cols.service || !cols.environment || !cols.run_id || !cols.status) {
      continue;
    }
    values.forEach((v, i) => {
      const finishedAt = Number(v);
      const status = cols.status![i] as DeployStatus;
      if (!Number.isFinite(finishedAt) || !STATUSES.includes(status)) {
        return;
      }
      const run: DeployRunRecord = {
        service: String(cols.service![i]),
        environment: String(cols.environment![i]),
        runId: String(cols.run_id![i]),
        status,
        finishedAt,
        version: text(cols.version?.[i]),
        commit: text(cols.commit?.[i]),
        url: text(cols.url?.[i]),
      };
      const key = runKey(run);
      run.durationSeconds = durations.get(key);
      run.leadTimeSeconds = leadTimes.get(key);
      out.push(run);
    });
  }
  return out;
}

/** A CI link is user data: only http(s) links are ever turned into an `href`. */
export function safeRunUrl(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export const STATUS_TEXT: Readonly<Record<DeployStatus, string>> = {
  success: 'succeeded',
  failure: 'failed',
  rolled_back: 'rolled back',
};
