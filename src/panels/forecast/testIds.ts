/** Selectors shared by the panel, the browser harness test and the plugin-e2e spec. */
export const testIds = {
  panel: 'codesentinel-forecast-panel',
  modelKey: 'forecast-model-key',
  notice: 'forecast-notice',
  blockingState: 'forecast-blocking-state',
  tooltip: 'forecast-tooltip',
  progress: 'forecast-progress',
};
