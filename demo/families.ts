/** The metric-family shapes every part of the demo's exposition builds, and how a sample's key is written. */
import type { NodeValue } from './cluster';
import type { HistogramValue, PodValue, VolumeValue } from './model';

/** The model's values at one instant: what every family's lines read. */
export interface Snapshot {
  histograms: HistogramValue[];
  /** Client-side call histograms, one per `model.calls` entry. */
  calls: HistogramValue[];
  pods: PodValue[];
  volumes: VolumeValue[];
  nodes: NodeValue[];
  /** The batch job pod's phase, if the model has one. */
  batchPhase: string | undefined;
}

export interface Line {
  /** `name{labels}` ready to print. */
  key: string;
  value: (snapshot: Snapshot) => number;
}

export interface Family {
  /** Family name as OpenMetrics wants it (no `_total` for counters). */
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  help: string;
  lines: Line[];
}

export type Labels = Array<[string, string]>;

export function sampleKey(name: string, labels: Labels): string {
  return `${name}{${labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
