// Builds the screens harness: the app's pages (tests/screens/harness) with everything bundled.
// SCREENS_DEV=1 builds in development mode, for React's warnings while debugging a page.
import path from 'path';

import { REPO_ROOT, harnessWebpackConfig } from '../harness-common/webpackBase';

const modulePath = (file: string) => path.join(REPO_ROOT, 'node_modules', file);
export const SCREENS_DIR = path.join(REPO_ROOT, 'artifacts', 'screens-harness');

export default harnessWebpackConfig({
  name: 'screens',
  entry: './tests/screens/harness/index.tsx',
  title: 'CodeSentinel screens harness',
  outputDir: SCREENS_DIR,
  cacheName: 'webpack-screens',
  configFile: __filename,
  grafanaMjsInterop: true,
  mode: process.env.SCREENS_DEV === '1' ? 'development' : 'production',
  alias: {
    // @grafana/plugin-compat (used by Scenes) feature-detects newer @grafana/runtime exports by
    // importing them, which webpack's ESM checks reject; its CommonJS build reads them at runtime…
    '@grafana/plugin-compat/datasources$': modulePath('@grafana/plugin-compat/dist/cjs/datasources.cjs'),
    // …and its require() must reach the same (ESM) @grafana/runtime instance the harness configures.
    '@grafana/runtime$': modulePath('@grafana/runtime/dist/esm/index.mjs'),
    '@grafana/runtime/unstable$': modulePath('@grafana/runtime/dist/esm/unstable.mjs'),
    // setPluginPage is only in @grafana/runtime's internal entry, which its package exports hide.
    'grafana-runtime-plugin-page$': modulePath('@grafana/runtime/dist/esm/components/PluginPage.mjs'),
  },
});
