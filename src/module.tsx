import { AppPlugin, type AppRootProps } from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';
import { loadResources } from '@grafana/scenes';
import { LoadingPlaceholder } from '@grafana/ui';
import React, { Suspense, lazy } from 'react';

import type { AppConfigProps } from './components/AppConfig/AppConfig';
import pluginJson from './plugin.json';
import type { AppJsonData } from './settings/jsonData';

await initPluginTranslations(pluginJson.id, [loadResources]);

// Scenes, panels and the config form load only when a page or the config tab is opened.
const LazyApp = lazy(() => import('./components/App/App'));
const LazyAppConfig = lazy(() => import('./components/AppConfig/AppConfig'));

const App = (props: AppRootProps<AppJsonData>) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading CodeSentinel Analytics…" />}>
    <LazyApp {...props} />
  </Suspense>
);

const AppConfig = (props: AppConfigProps) => (
  <Suspense fallback={<LoadingPlaceholder text="Loading configuration…" />}>
    <LazyAppConfig {...props} />
  </Suspense>
);

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
