// Builds the screens harness: the app's pages with React, Scenes, @grafana/ui and @grafana/data all
// bundled (no externals), like tests/browser/webpack.harness.ts does for the forecast panel.
import path from 'path';

import CopyWebpackPlugin from 'copy-webpack-plugin';
import webpack, { type Configuration } from 'webpack';

const root = path.resolve(__dirname, '..', '..');
const modulePath = (file: string) => path.join(root, 'node_modules', file);
export const SCREENS_DIR = path.join(root, 'artifacts', 'screens-harness');

const config: Configuration = {
  mode: process.env.SCREENS_DEV === '1' ? 'development' : 'production',
  context: root,
  entry: { screens: './tests/screens/harness/index.tsx' },
  output: {
    path: SCREENS_DIR,
    filename: '[name].js',
    chunkFilename: '[name].[contenthash].js',
    publicPath: '/',
    clean: true,
  },
  devtool: false,
  experiments: { asyncWebAssembly: true },
  optimization: { minimize: false },
  performance: { hints: false },
  cache: {
    type: 'filesystem',
    cacheDirectory: path.join(root, 'node_modules', '.cache', 'webpack-screens'),
    buildDependencies: { config: [__filename] },
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
      // Treat packages' .mjs like Grafana's own build does: a default import of a CommonJS module
      // (react-custom-scrollbars-2 in @grafana/ui's CustomScrollbar) gets its `default` export.
      { test: /\.m?js$/, type: 'javascript/auto', resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(png|jpe?g|gif|svg|woff2?|ttf|eot)$/, type: 'asset/resource' },
    ],
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    modules: [path.join(root, 'src'), 'node_modules'],
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
  },
  plugins: [
    new webpack.DefinePlugin({
      'process.env.NODE_ENV': JSON.stringify(process.env.SCREENS_DEV === '1' ? 'development' : 'production'),
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: path.join(__dirname, 'harness', 'index.html'), to: '.' },
        // <Icon> fetches SVGs from Grafana's public path, which the harness serves from @grafana/ui's copy.
        {
          from: path.join(root, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons'),
          to: 'public/build/img/icons',
        },
      ],
    }),
  ],
};

export default config;
