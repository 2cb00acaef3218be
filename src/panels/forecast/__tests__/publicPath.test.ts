// The nested panel is loaded from .../panels/forecast/module.js but its lazy chunks (engine,
// worker, WASM) are emitted at the plugin root: the generated public-path module must point there.
import { nestedFolders, publicPathModuleSource } from '../../../../webpack/publicPath';

const ID = 'codesentinel-analytics-app';

function publicPathFor(uri: string | undefined): string {
  const source = publicPathModuleSource(ID, nestedFolders(['module', 'panels/forecast/module']))
    .replace("import amdMetaModule from 'amd-module';", '')
    .replace('__webpack_public_path__ =', 'var publicPath =');
  return new Function('amdMetaModule', `${source}\nreturn publicPath;`)(uri === undefined ? undefined : { uri });
}

describe('plugin public path', () => {
  it.each([
    [`public/plugins/${ID}/module.js`, `public/plugins/${ID}/`],
    [`public/plugins/${ID}/panels/forecast/module.js`, `public/plugins/${ID}/`],
    [`/grafana/public/plugins/${ID}/panels/forecast/module.js`, `/grafana/public/plugins/${ID}/`],
    [
      `https://cdn.example.com/${ID}/0.1.0/public/plugins/${ID}/panels/forecast/module.js`,
      `https://cdn.example.com/${ID}/0.1.0/public/plugins/${ID}/`,
    ],
    // Grafana appends a cache-busting query; a slash in it must not move the folder.
    [`public/plugins/${ID}/panels/forecast/module.js?_cache=1.2.0`, `public/plugins/${ID}/`],
    [`/public/plugins/${ID}/panels/forecast/module.js?v=a/b`, `/public/plugins/${ID}/`],
    [`/public/plugins/${ID}/module.js#x/y`, `/public/plugins/${ID}/`],
    // Derived from the app id, whatever the nested folder is called.
    [`/public/plugins/${ID}/nested/other/module.js`, `/public/plugins/${ID}/`],
    // Without the id in the URI: the nested folder is stripped.
    ['panels/forecast/module.js', ''],
    ['https://cdn.example.com/renamed/panels/forecast/module.js', 'https://cdn.example.com/renamed/'],
  ])('%s → %s', (uri, expected) => {
    expect(publicPathFor(uri)).toBe(expected);
  });

  it('falls back to the conventional path when Grafana gives no module URI', () => {
    expect(publicPathFor(undefined)).toBe(`public/plugins/${ID}/`);
  });

  it('lists the nested folders longest first, so a deeper plugin is not cut at its parent', () => {
    expect(nestedFolders(['module', 'panels/forecast/module', 'panels/module'])).toEqual([
      'panels/forecast/',
      'panels/',
    ]);
  });
});
