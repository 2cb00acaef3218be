// The app manifest lives at the repository root (`plugin.json`), as the product's layout says.
// create-plugin's build (in .config/, never edited) reads `src/plugin.json` when its config module
// is imported and finds the plugins to bundle by globbing `src/**/plugin.json`, so the build writes
// that copy first. It is a build artefact (gitignored), not a symlink: symlinks break Windows checkouts.
import fs from 'fs';
import path from 'path';

import type { Compiler } from 'webpack';

export const ROOT_MANIFEST = 'plugin.json';
export const SOURCE_MANIFEST = path.join('src', 'plugin.json');

/** Writes src/plugin.json from the root manifest when it is missing or differs; true if it wrote. */
export function syncSourceManifest(root: string): boolean {
  const text = fs.readFileSync(path.join(root, ROOT_MANIFEST), 'utf8');
  const target = path.join(root, SOURCE_MANIFEST);
  if (fs.existsSync(target) && fs.readFileSync(target, 'utf8') === text) {
    return false;
  }
  fs.writeFileSync(target, text);
  return true;
}

/** In watch mode (`npm run dev`) an edit of the root manifest rebuilds with a fresh copy. */
export class RootManifestPlugin {
  constructor(private readonly root: string) {}

  apply(compiler: Compiler) {
    compiler.hooks.watchRun.tap('RootManifestPlugin', () => {
      syncSourceManifest(this.root);
    });
    compiler.hooks.thisCompilation.tap('RootManifestPlugin', (compilation) => {
      compilation.fileDependencies.add(path.join(this.root, ROOT_MANIFEST));
    });
  }
}
