// The page's and the pipeline command's words for the engine's verdicts. No @grafana/* imports: the
// `codesentinel-canary` command and the integration tests load it in plain Node.

/** The three actions a deployment can take. */
export type CanaryAction = 'promote' | 'hold' | 'roll back';

export function actionFor(verdict: 'pass' | 'marginal' | 'fail' | 'insufficient-data'): CanaryAction {
  return verdict === 'pass' ? 'promote' : verdict === 'fail' ? 'roll back' : 'hold';
}
