// Prometheus text exposition format 0.0.4 for the satellite metrics.
import { oneLine } from '../es/bulk';
import { redactSecrets } from '../redact';

import { DURATION_BUCKETS_SECONDS, type ProcedureSeries } from './collect';

export const INVOCATIONS_METRIC = 'codesentinel_satellite_procedure_invocations_total';
export const DURATION_METRIC = 'codesentinel_satellite_procedure_duration_seconds';
export const UP_METRIC = 'codesentinel_satellite_exporter_elasticsearch_up';

/** Label values may hold any character (procedure ids come from folder names): escape per the format. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Array<[string, string]>): string {
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'NaN';
}

export function formatMetrics(series: ProcedureSeries[] | undefined, error?: string): string {
  const lines: string[] = [
    `# HELP ${UP_METRIC} 1 if the last scrape could read the stored events from Elasticsearch.`,
    `# TYPE ${UP_METRIC} gauge`,
    `${UP_METRIC} ${series ? 1 : 0}`,
  ];
  if (!series) {
    // A comment line ends at the first newline: no CR, NUL or other control character from an error
    // may reach the exposition, and no credential either.
    lines.push(`# ${error ? oneLine(redactSecrets(error), 500) : 'no data'}`);
    return lines.join('\n') + '\n';
  }
  lines.push(
    `# HELP ${INVOCATIONS_METRIC} Procedure invocations stored in Elasticsearch, by satellite, procedure and status.`,
    `# TYPE ${INVOCATIONS_METRIC} counter`
  );
  for (const s of series) {
    lines.push(
      `${INVOCATIONS_METRIC}${labels([
        ['satellite', s.satellite],
        ['procedure', s.procedure],
        ['status', s.status],
      ])} ${s.count}`
    );
  }
  lines.push(`# HELP ${DURATION_METRIC} Duration of procedure invocations.`, `# TYPE ${DURATION_METRIC} histogram`);
  for (const s of series) {
    const base: Array<[string, string]> = [
      ['satellite', s.satellite],
      ['procedure', s.procedure],
      ['status', s.status],
    ];
    DURATION_BUCKETS_SECONDS.forEach((le, i) =>
      lines.push(`${DURATION_METRIC}_bucket${labels([...base, ['le', String(le)]])} ${s.buckets[i]}`)
    );
    lines.push(`${DURATION_METRIC}_bucket${labels([...base, ['le', '+Inf']])} ${s.count}`);
    lines.push(`${DURATION_METRIC}_sum${labels(base)} ${num(s.sumSeconds)}`);
    lines.push(`${DURATION_METRIC}_count${labels(base)} ${s.count}`);
  }
  return lines.join('\n') + '\n';
}
