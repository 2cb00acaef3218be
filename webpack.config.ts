// Extends the scaffolded config (never edited: .config belongs to create-plugin) as described in
// https://grafana.com/developers/plugin-tools/how-to-guides/extend-configurations#extend-the-webpack-config
//
// Why: the scaffold sets __webpack_public_path__ to the folder of the AMD module that loaded the
// bundle. For the nested panel that folder is public/plugins/<app>/panels/forecast/, but webpack
// emits every lazily loaded chunk (engine, worker, WASM) at the dist root, i.e. public/plugins/<app>/.
// So the public-path module is replaced by one that cuts the module's URI after the app id's path
// segment (webpack/publicPath.ts: any base, CDN or cache query). (The analytics Web Worker has no
// AMD module; src/analytics/runtime/browserWorker.ts gives it publicPath 'auto'.)
//
// The manifest is the root plugin.json; the scaffold reads src/plugin.json as soon as its config is
// imported, so that copy is written first (webpack/manifest.ts) and the scaffold imported afterwards.
import fs from 'fs';
import path from 'path';

import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';
import { merge } from 'webpack-merge';
import VirtualModulesPlugin from 'webpack-virtual-modules';

import { getEntries, getPluginJson } from './.config/bundler/utils';
import type { Env } from './.config/webpack/webpack.config';
import { RootManifestPlugin, syncSourceManifest } from './webpack/manifest';
import { nestedFolders, publicPathModuleSource } from './webpack/publicPath';

const PUBLIC_PATH_MODULE = 'node_modules/codesentinel-public-path.js';

/**
 * The scaffold copies the root plugin's logos and README only (plus every *.json); a nested plugin's
 * logo and README must sit next to its plugin.json in dist for Grafana's catalogue to show them.
 */
export function nestedAssetPatterns(sourceDir: string, nested: string[]) {
  return nested.flatMap((folder) => {
    const json = JSON.parse(fs.readFileSync(path.join(sourceDir, folder, 'plugin.json'), 'utf8'));
    const logos: string[] = Array.from(new Set([json.info?.logos?.small, json.info?.logos?.large].filter(Boolean)));
    return [
      ...logos.map((logo) => ({ from: `${folder}${logo}`, to: `${folder}${logo}` })),
      { from: `${folder}README.md`, to: `${folder}README.md`, noErrorOnMissing: true },
    ];
  });
}

/**
 * The scaffold copies every `**\/*.json` under src/ into dist (for nested plugin.json files); keep test
 * fixtures and golden files out of the shipped plugin.
 */
function keepTestDataOutOfDist(base: Configuration) {
  for (const plugin of base.plugins ?? []) {
    if (plugin instanceof CopyWebpackPlugin) {
      const patterns = (plugin as unknown as { patterns: Array<string | { from: string; globOptions?: object }> })
        .patterns;
      for (const pattern of patterns) {
        if (typeof pattern !== 'string' && pattern.from === '**/*.json') {
          pattern.globOptions = { ignore: ['**/__tests__/**', '**/__fixtures__/**', '**/testing/**'] };
        }
      }
    }
  }
}

const config = async (env: Env): Promise<Configuration> => {
  syncSourceManifest(process.cwd());
  const { default: grafanaConfig } = await import('./.config/webpack/webpack.config');
  const base = await grafanaConfig(env);
  keepTestDataOutOfDist(base);
  const pluginId: string = getPluginJson().id;
  const nested = nestedFolders(Object.keys(await getEntries()));

  const extension: Configuration = {
    plugins: [
      new RootManifestPlugin(process.cwd()),
      new CopyWebpackPlugin({ patterns: nestedAssetPatterns(path.resolve(process.cwd(), 'src'), nested) }),
      new VirtualModulesPlugin({
        [PUBLIC_PATH_MODULE]: publicPathModuleSource(pluginId, nested),
      }),
    ],
    resolve: {
      alias: {
        // The virtual module lives in <context>/node_modules (context is src/), like the scaffold's own.
        'grafana-public-path$': 'codesentinel-public-path',
      },
    },
  };

  return merge(base, extension);
};

export default config;
