// Must be the harness's first import: @grafana/runtime reads window.grafanaBootData when its config
// module loads, before any harness code could set it.
const params = new URLSearchParams(window.location.search);
const light = params.get('theme') !== 'dark';

Object.assign(window, {
  // Where @grafana/ui fetches icon SVGs from (the build copies @grafana/ui's icons under /public).
  __grafana_public_path__: '/public/',
  grafanaBootData: {
    assets: { dark: '', light: '' },
    settings: { appSubUrl: '', featureToggles: {}, buildInfo: { version: '12.4.10', edition: 'Open Source' } },
    user: { theme: light ? 'light' : 'dark', lightTheme: light, timezone: 'browser', locale: 'en-US', orgId: 1 },
    navTree: [],
  },
});

export {};
