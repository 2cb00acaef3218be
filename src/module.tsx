import { AppPlugin, type AppRootProps } from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';
import { loadResources } from '@grafana/scenes';
import { LoadingPlaceholder } from '@grafana/ui';
import React, { Suspense, lazy, useState } from 'react';

import pluginJson from '../plugin.json';

import { AppErrorBoundary } from './components/App/AppErrorBoundary';
import type { AppConfigProps } from './components/AppConfig/AppConfig';
import type { AppJsonData } from './settings/jsonData';

await initPluginTranslations(pluginJson.id, [loadResources]);

// Scenes, panels and the config form load only when a page or the config tab is opened.
const loadApp = () => import('./components/App/App');
const loadAppConfig = () => import('./components/AppConfig/AppConfig');

// Each loader makes its lazy component once per mount: React.lazy remembers a failed import, so
// Retry remounts the loader (new key) to start a fresh one, and webpack fetches the failed chunk again.
function AppLoader(props: AppRootProps<AppJsonData>) {
  const [LazyApp] = useState(() => lazy(loadApp));
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading CodeSentinel Analytics…" />}>
      <LazyApp {...props} />
    </Suspense>
  );
}

function AppConfigLoader(props: AppConfigProps) {
  const [LazyAppConfig] = useState(() => lazy(loadAppConfig));
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading configuration…" />}>
      <LazyAppConfig {...props} />
    </Suspense>
  );
}

const App = (props: AppRootProps<AppJsonData>) => (
  <AppErrorBoundary>{(attempt) => <AppLoader key={attempt} {...props} />}</AppErrorBoundary>
);

const AppConfig = (props: AppConfigProps) => (
  <AppErrorBoundary>{(attempt) => <AppConfigLoader key={attempt} {...props} />}</AppErrorBoundary>
);

export const plugin = new AppPlugin<AppJsonData>().setRootPage(App).addConfigPage({
  title: 'Configuration',
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
