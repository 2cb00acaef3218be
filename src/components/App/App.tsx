import { type AppRootProps } from '@grafana/data';
import { SceneApp } from '@grafana/scenes';
import React, { useMemo } from 'react';

import { makeCanaryPage } from '../../pages/canary/canaryPage';
import { makeDeploymentsPage } from '../../pages/deployments/deploymentsPage';
import { makeInfrastructurePage } from '../../pages/infrastructure/infrastructurePage';
import { makeOverviewPage } from '../../pages/overview/overviewPage';
import { makeSatellitesPage } from '../../pages/satellites/satellitesPage';
import { makeServicesPage } from '../../pages/service/servicePage';
import { makeTrendsPage } from '../../pages/trends/trendsPage';
import type { AppJsonData } from '../../settings/jsonData';
import type { AppSettings } from '../../settings/resolve';
import { useAppSettings } from '../../settings/useAppSettings';

/** The app's pages, in nav order. The first page is the home route (`/overview`). */
export function buildSceneApp(settings: AppSettings): SceneApp {
  return new SceneApp({
    pages: [
      makeOverviewPage(settings),
      makeServicesPage(settings),
      makeInfrastructurePage(settings),
      makeDeploymentsPage(settings),
      makeTrendsPage(settings),
      makeCanaryPage(settings),
      makeSatellitesPage(settings),
    ],
    urlSyncOptions: {
      updateUrlOnInit: true,
      createBrowserHistorySteps: true,
    },
  });
}

function App(props: AppRootProps<AppJsonData>) {
  const settings = useAppSettings(props.meta.jsonData);
  // Rebuilt only when the settings change (they change after a save, which reloads the page anyway).
  const scene = useMemo(() => buildSceneApp(settings), [settings]);

  return <scene.Component model={scene} />;
}

export default App;
