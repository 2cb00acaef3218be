// Messages between the pool and a worker. Plain data only: they cross a structured-clone boundary.
import type { AnalysisRequest, AnalysisResult } from './types';

export interface WorkerRequest {
  type: 'analyse';
  jobId: number;
  request: AnalysisRequest;
}

export interface WorkerReply {
  type: 'result';
  jobId: number;
  result: AnalysisResult;
}
