// The runtime public path of every entry (app module and nested plugin modules), as source for a
// virtual module. Kept apart from webpack.config.ts so it can be unit-tested without webpack.

/** "panels/forecast/module" → "panels/forecast/": folders the AMD URI may point into. */
export function nestedFolders(entryNames: string[]): string[] {
  return entryNames
    .filter((name) => name.includes('/'))
    .map((name) => name.slice(0, name.lastIndexOf('/') + 1))
    .sort((a, b) => b.length - a.length);
}

/**
 * Grafana loads the app from `<base>/public/plugins/<app id>/module.js` and the nested panel from
 * `<base>/public/plugins/<app id>/panels/forecast/module.js`, where <base> may be a sub-path or a CDN,
 * and may append `?_cache=<version>`. The chunks sit at the app's root, so the public path is the
 * URI up to the last `/<app id>/` segment; a URI without the id (a relative or renamed location) falls
 * back to stripping the nested entry's folder, and no URI at all to Grafana's conventional path.
 */
export function publicPathModuleSource(pluginId: string, nested: string[]): string {
  return `
import amdMetaModule from 'amd-module';

var pluginId = ${JSON.stringify(pluginId)};
var nested = ${JSON.stringify(nested)};

function pluginRoot(uri) {
  var path = uri.split(/[?#]/)[0];
  var marker = '/' + pluginId + '/';
  var at = ('/' + path).lastIndexOf(marker);
  if (at >= 0) {
    return path.slice(0, at + marker.length - 1);
  }
  var dir = path.slice(0, path.lastIndexOf('/') + 1);
  for (var i = 0; i < nested.length; i++) {
    var suffix = '/' + nested[i];
    if (('/' + dir).slice(-suffix.length) === suffix) {
      return dir.slice(0, dir.length - nested[i].length);
    }
  }
  return dir;
}

__webpack_public_path__ =
  amdMetaModule && amdMetaModule.uri ? pluginRoot(amdMetaModule.uri) : 'public/plugins/' + pluginId + '/';
`;
}
