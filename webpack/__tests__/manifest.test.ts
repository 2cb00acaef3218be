// The root plugin.json is the manifest; the build writes the src/plugin.json that create-plugin reads.
import fs from 'fs';
import os from 'os';
import path from 'path';

import { syncSourceManifest } from '../manifest';

const MANIFEST = '{\n  "id": "codesentinel-analytics-app"\n}\n';

describe('syncSourceManifest', () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
    fs.mkdirSync(path.join(root, 'src'));
    fs.writeFileSync(path.join(root, 'plugin.json'), MANIFEST);
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes src/plugin.json from the root manifest when it is missing', () => {
    expect(syncSourceManifest(root)).toBe(true);
    expect(fs.readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8')).toBe(MANIFEST);
  });

  it('replaces a stale copy and leaves a current one alone', () => {
    fs.writeFileSync(path.join(root, 'src', 'plugin.json'), '{ "id": "old" }');
    expect(syncSourceManifest(root)).toBe(true);
    expect(fs.readFileSync(path.join(root, 'src', 'plugin.json'), 'utf8')).toBe(MANIFEST);
    expect(syncSourceManifest(root)).toBe(false);
  });

  it('names the root manifest when it is missing', () => {
    fs.rmSync(path.join(root, 'plugin.json'));
    expect(() => syncSourceManifest(root)).toThrow(/plugin\.json/);
  });
});

describe('the repository', () => {
  it('keeps the manifest at its root and src/plugin.json out of git', () => {
    const repo = path.join(__dirname, '..', '..');
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'plugin.json'), 'utf8')).type).toBe('app');
    expect(fs.readFileSync(path.join(repo, '.gitignore'), 'utf8').split('\n')).toContain('/src/plugin.json');
  });
});
