import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Settings sit below the pages and components that read them: an import back up would make a cycle
// as soon as a page imports its settings.
const dir = join(__dirname, '..');
const sources = readdirSync(dir).filter((f) => /\.tsx?$/.test(f));

test('the settings module has its files', () => {
  expect(sources).toEqual(
    expect.arrayContaining(['jsonData.ts', 'defaults.ts', 'validation.ts', 'resolve.ts', 'useAppSettings.ts'])
  );
});

test.each(sources)('%s imports no page, component or panel', (file) => {
  const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
  expect(imports.filter((path) => /\/(pages|components|panels)(\/|$)/.test(path))).toEqual([]);
});
