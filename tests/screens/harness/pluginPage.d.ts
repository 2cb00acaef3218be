// Types for the webpack alias in webpack.screens.ts (runtime's internal setPluginPage).
declare module 'grafana-runtime-plugin-page' {
  import type { PluginPageType } from '@grafana/runtime';
  export function setPluginPage(component: PluginPageType): void;
}
