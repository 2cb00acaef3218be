// The runtime public path of every entry (app module and nested plugin modules), as source for a
// virtual module. Kept apart from webpack.config.ts so it can be unit-tested without webpack.

/** "panels/forecast/module" → "panels/forecast/": folders the AMD URI may point into. */
export function nestedFolders(entryNames: string[]): string[] {
  return entryNames
    .filter((name) => name.includes('/'))
    .map((name) => name.slice(0, name.lastIndexOf('/') + 1))
    .sort((a, b) => b.length - a.length);
}

export function publicPathModuleSource(pluginId: string, nested: string[]): string {
  return `
import amdMetaModule from 'amd-module';

var nested = ${JSON.stringify(nested)};

function pluginRoot(uri) {
  var dir = uri.slice(0, uri.lastIndexOf('/') + 1);
  for (var i = 0; i < nested.length; i++) {
    var suffix = '/' + nested[i];
    if (('/' + dir).slice(-suffix.length) === suffix) {
      return dir.slice(0, dir.length - nested[i].length);
    }
  }
  return dir;
}

__webpack_public_path__ =
  amdMetaModule && amdMetaModule.uri ? pluginRoot(amdMetaModule.uri) : 'public/plugins/${pluginId}/';
`;
}
