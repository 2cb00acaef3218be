// The webpack config shared by the browser harnesses (tests/browser, tests/screens). Unlike the plugin
// build, nothing is external: React, Scenes, @grafana/ui and @grafana/data are bundled, so a harness
// page runs the plugin's code as Grafana would, without Grafana.
import path from 'path';

import CopyWebpackPlugin from 'copy-webpack-plugin';
import webpack, { type Configuration, type ResolveOptions } from 'webpack';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PAGE_TEMPLATE = path.join(__dirname, 'index.html');

export interface HarnessBuild {
  /** The bundle's name: `<name>.js`, loaded by the generated index.html. */
  name: string;
  /** The page's entry module, relative to the repo root. */
  entry: string;
  /** The page's <title>. */
  title: string;
  /** Where the built page goes (served by the harness's serve.ts). */
  outputDir: string;
  /** Folder name under node_modules/.cache for webpack's filesystem cache. */
  cacheName: string;
  /** The harness's own config file, so editing it invalidates the cache. */
  configFile: string;
  mode?: 'production' | 'development';
  alias?: ResolveOptions['alias'];
  /**
   * Treat packages' .mjs like Grafana's own build does: a default import of a CommonJS module gets its
   * `default` export (needed by react-custom-scrollbars-2 in @grafana/ui's CustomScrollbar, which the
   * app pages render). Off keeps webpack's strict ESM handling.
   */
  grafanaMjsInterop?: boolean;
}

export function harnessWebpackConfig(build: HarnessBuild): Configuration {
  const mode = build.mode ?? 'production';
  return {
    mode,
    context: REPO_ROOT,
    entry: { [build.name]: build.entry },
    output: {
      path: build.outputDir,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash].js',
      publicPath: '/',
      clean: true,
    },
    devtool: false,
    experiments: { asyncWebAssembly: true },
    // Unminified keeps the build quick; the harnesses measure the browser, not the download.
    optimization: { minimize: false },
    performance: { hints: false },
    cache: {
      type: 'filesystem',
      cacheDirectory: path.join(REPO_ROOT, 'node_modules', '.cache', build.cacheName),
      buildDependencies: { config: [__filename, build.configFile] },
    },
    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                target: 'es2020',
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
        {
          test: /\.m?js$/,
          ...(build.grafanaMjsInterop ? { type: 'javascript/auto' } : {}),
          resolve: { fullySpecified: false },
        },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(png|jpe?g|gif|svg|woff2?|ttf|eot)$/, type: 'asset/resource' },
      ],
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
      modules: [path.join(REPO_ROOT, 'src'), 'node_modules'],
      alias: build.alias,
    },
    plugins: [
      new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify(mode) }),
      new CopyWebpackPlugin({
        patterns: [
          {
            from: PAGE_TEMPLATE,
            to: 'index.html',
            transform: (content) => harnessPage(content.toString(), build.title, build.name),
          },
          // <Icon> fetches SVGs from Grafana's public path, which the harness serves from @grafana/ui's copy.
          {
            from: path.join(REPO_ROOT, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons'),
            to: 'public/build/img/icons',
          },
        ],
      }),
    ],
  };
}

// The bundle is loaded from `/` (like publicPath) so app routes such as /a/<plugin id>/… find it too.
function harnessPage(template: string, title: string, bundle: string): string {
  return template.replace('%TITLE%', title).replace('%BUNDLE%', `/${bundle}.js`);
}
