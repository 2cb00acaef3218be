// Builds the forecast panel harness page (tests/browser/harness) with everything bundled.
import path from 'path';

import { REPO_ROOT, harnessWebpackConfig } from '../harness-common/webpackBase';

export const HARNESS_DIR = path.join(REPO_ROOT, 'artifacts', 'browser-harness');

export default harnessWebpackConfig({
  name: 'harness',
  entry: './tests/browser/harness/index.tsx',
  title: 'Forecast panel harness',
  outputDir: HARNESS_DIR,
  cacheName: 'webpack-harness',
  configFile: __filename,
});
