import { type AppRootProps } from '@grafana/data';
import { SceneApp } from '@grafana/scenes';
import React, { useMemo } from 'react';

import { makeAppPages } from '../../pages/pages';
import type { AppJsonData } from '../../settings/jsonData';
import type { AppSettings } from '../../settings/resolve';
import { useAppSettings } from '../../settings/useAppSettings';

/** The app's pages in nav order (src/pages/pages.ts), then the redirect for the root and unknown paths. */
export function buildSceneApp(settings: AppSettings): SceneApp {
  return new SceneApp({
    pages: makeAppPages(settings),
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
