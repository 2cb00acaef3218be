// Builds the browser harness page: unlike the plugin build, nothing is external: React, @grafana/ui
// and @grafana/data are bundled, so the page runs the panel exactly as Grafana would, without Grafana.
import path from 'path';

import CopyWebpackPlugin from 'copy-webpack-plugin';
import webpack, { type Configuration } from 'webpack';

const root = path.resolve(__dirname, '..', '..');
export const HARNESS_DIR = path.join(root, 'artifacts', 'browser-harness');

const config: Configuration = {
  mode: 'production',
  context: root,
  entry: { harness: './tests/browser/harness/index.tsx' },
  output: {
    path: HARNESS_DIR,
    filename: '[name].js',
    chunkFilename: '[name].[contenthash].js',
    publicPath: '/',
    clean: true,
  },
  devtool: false,
  experiments: { asyncWebAssembly: true },
  // Unminified keeps the build quick; the timings measure the browser, not the download.
  optimization: { minimize: false },
  performance: { hints: false },
  cache: { type: 'filesystem', cacheDirectory: path.join(root, 'node_modules', '.cache', 'webpack-harness') },
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
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.css$/, use: ['style-loader', 'css-loader'] },
      { test: /\.(png|jpe?g|gif|svg|woff2?|ttf|eot)$/, type: 'asset/resource' },
    ],
  },
  resolve: {
    extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    modules: [path.join(root, 'src'), 'node_modules'],
  },
  plugins: [
    new webpack.DefinePlugin({ 'process.env.NODE_ENV': JSON.stringify('production') }),
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
