// The engine's one request/response protocol: what a page or panel may ask the engine for, what comes
// back, and the messages that carry both across the Worker boundary. Plain data only: everything here
// crosses a structured-clone boundary.
import type { CanaryJudgement, CanaryThresholds, CanaryTraffic, MetricConfig, MetricData } from '../canary/types';
import type { BottleneckOutcome, BottleneckRequest } from '../correlate/types';
import type { AnalysisRequest, AnalysisResult } from '../types';

/** One canary judgement: the metrics to judge, their samples or counts, and threshold overrides. */
export interface CanaryJob {
  metrics: MetricConfig[];
  data: Record<string, MetricData | undefined>;
  thresholds: Partial<CanaryThresholds>;
  /** Request totals of the window: too little canary traffic holds the verdict. */
  traffic?: CanaryTraffic;
}

/** A judgement, or why there is none (`aborted` when the caller's signal cancelled it). */
export type CanaryOutcome = { ok: true; judgement: CanaryJudgement } | { ok: false; aborted: boolean; reason: string };

/** Every request kind the engine answers, discriminated by `kind`. */
export type EngineRequest =
  /** Forecast, anomalies and (with `capacityThreshold`) capacity for one series. */
  | { kind: 'analysis'; request: AnalysisRequest }
  | { kind: 'canary'; job: CanaryJob }
  /** What moves with a service's p95 or error ratio (the bottleneck finder). */
  | { kind: 'bottleneck'; request: BottleneckRequest };

export type EngineResult =
  | { kind: 'analysis'; result: AnalysisResult }
  | { kind: 'canary'; outcome: CanaryOutcome }
  | { kind: 'bottleneck'; outcome: BottleneckOutcome };

export type EngineRequestKind = EngineRequest['kind'];

/** The result type that answers a request of kind K. */
export type ResultOf<K extends EngineRequestKind> = Extract<EngineResult, { kind: K }>;

export interface WorkerRequest {
  type: 'run';
  jobId: number;
  request: EngineRequest;
}

export interface WorkerReply {
  type: 'result';
  jobId: number;
  result: EngineResult;
}

/** The slice of the Worker API the pool needs, so tests and worker_threads can stand in for it. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onReply(handler: (reply: WorkerReply) => void): void;
  onFailure(handler: (message: string) => void): void;
  terminate(): void;
}
