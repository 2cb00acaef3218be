// The screens harness page: the app's real SceneApp (the same buildSceneApp the App component uses)
// on a bootstrapped Grafana runtime, in the light or dark theme (`?theme=dark`). Served for every
// path under /a/<plugin id>/ so Scenes' routing works as in Grafana.
import './bootData';

import { ThemeContext, createTheme } from '@grafana/data';
import { LocationServiceProvider, locationService } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import React, { type ReactNode, useLayoutEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Route, Router, Routes } from 'react-router-dom';

import { buildSceneApp } from '../../../src/components/App/App';
import { resolveAppSettings } from '../../../src/settings/resolve';

import { ES_UID } from './elasticsearchDataSource';
import { LONG_TERM_UID, PROM_UID } from './prometheusDataSource';
import { bootstrapRuntime, prometheus } from './runtime';

declare global {
  interface Window {
    __screens: { sent: string[]; errors: string[] };
  }
}

const params = new URLSearchParams(window.location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'dark' ? 'dark' : 'light' } });
const withElasticsearch = params.get('es') !== 'none';
bootstrapRuntime(theme, withElasticsearch);
window.__screens = { sent: prometheus.sent, errors: [] };
window.addEventListener('error', (e) => window.__screens.errors.push(String(e.message)));

/** Grafana's router sits on locationService's history; react-router 6 needs it as a navigator. */
function LocationServiceRouter({ children }: { children: ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((next: typeof history.location) => setLocation(next)), [history]);
  return (
    <Router location={location} navigator={history}>
      {children}
    </Router>
  );
}

const APP_BASE = '/a/codesentinel-analytics-app';
const jsonData = {
  prometheusDatasourceUid: PROM_UID,
  longTermDatasourceUid: LONG_TERM_UID,
  ...(withElasticsearch ? { elasticsearchDatasourceUid: ES_UID } : {}),
};
const scene = buildSceneApp(resolveAppSettings(jsonData));

const portal = document.createElement('div');
portal.id = 'grafana-portal-container';
document.body.appendChild(portal);

createRoot(document.getElementById('root')!).render(
  <ThemeContext.Provider value={theme}>
    <GlobalStyles />
    <LocationServiceProvider service={locationService}>
      <LocationServiceRouter>
        {/* Grafana mounts an app under /a/<plugin id>/*, which the app's relative routes assume. */}
        <Routes>
          <Route path={`${APP_BASE}/*`} element={<scene.Component model={scene} />} />
        </Routes>
      </LocationServiceRouter>
    </LocationServiceProvider>
  </ThemeContext.Provider>
);
