#!/usr/bin/env node
// Checks what `npm run build` produced is a plugin Grafana will load: every module.js an AMD module
// whose dependencies are all modules Grafana provides to plugins (scripts/grafanaSharedModules.mjs),
// the root one loading Grafana's packages instead of bundling them; every plugin.json valid against
// Grafana's plugin.json schema with the build-time placeholders filled in, its logos present, a
// module.js beside it, and nested plugins agreeing with the app on grafanaDependency and author.
// Usage: npm run build && node scripts/check-dist.mjs [distDir]
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { AMD_BUILTINS, GRAFANA_SHARED_MODULES } from './grafanaSharedModules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ?? join(root, 'dist');
const schemaPath = join(root, 'scripts', 'schema', 'plugin.schema.json');

const REQUIRED_EXTERNALS = ['@grafana/data', '@grafana/ui', '@grafana/runtime', 'react'];
const GRAFANA_DEPENDENCY = '>=12.4.0';
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

const failures = [];
let passed = 0;
function check(ok, message) {
  if (ok) {
    passed++;
    process.stdout.write(`  ok   ${message}\n`);
  } else {
    failures.push(message);
    process.stdout.write(`  FAIL ${message}\n`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    check(false, `${relative(root, file)} is valid JSON (${e.message})`);
    return null;
  }
}

function findFiles(dir, name) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      out.push(...findFiles(full, name));
    } else if (entry === name || (name.startsWith('.') && entry.endsWith(name))) {
      out.push(full);
    }
  }
  return out;
}

/** The dependency list of an AMD module: `define(["a","b"], ...)` after any banner comments. */
function amdDependencies(source) {
  const match = /^\s*(?:\/\*[\s\S]*?\*\/\s*|\/\/[^\n]*\n\s*)*define\(\s*(\[[^\]]*\])/.exec(source);
  if (!match) {
    return null;
  }
  try {
    return JSON.parse(match[1]);
  } catch {
    return null;
  }
}

function validator() {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  // Grafana's file names its meta-schema without the trailing '#', which ajv does not resolve;
  // the schema itself is plain draft-07.
  delete schema.$schema;
  // Grafana's patterns escape '-' (\-), which is an error under the 'u' flag ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

if (!existsSync(dist)) {
  process.stderr.write(`check-dist: ${dist} does not exist; run npm run build first\n`);
  process.exit(1);
}

const validate = validator();
process.stdout.write(`check-dist: ${dist}\n`);

// Every module.js: AMD, and loading only what Grafana provides (anything else would fail to resolve
// in Grafana's SystemJS loader at run time).
const provided = new Set([...GRAFANA_SHARED_MODULES, ...AMD_BUILTINS]);
const modulePath = join(dist, 'module.js');
check(existsSync(modulePath), 'dist/module.js exists');
const modules = findFiles(dist, 'module.js');
for (const file of modules) {
  const rel = relative(dist, file);
  const deps = amdDependencies(readFileSync(file, 'utf8'));
  check(Array.isArray(deps), `${rel} is an AMD module (define([...], factory))`);
  const unknown = (deps ?? []).filter((d) => !provided.has(d));
  check(unknown.length === 0, `${rel} loads only modules Grafana provides${unknown.length ? ` (not provided: ${unknown.join(', ')})` : ` (${(deps ?? []).length})`}`);
  if (file === modulePath) {
    for (const ext of REQUIRED_EXTERNALS) {
      check(Boolean(deps?.includes(ext)), `${rel} loads ${ext} from Grafana (AMD dependency, not bundled)`);
    }
  }
}

// Root plugin.json.
const pluginPath = join(dist, 'plugin.json');
check(existsSync(pluginPath), 'dist/plugin.json exists');
const plugin = existsSync(pluginPath) ? readJson(pluginPath) : null;
if (plugin) {
  for (const key of ['type', 'id', 'name']) {
    check(typeof plugin[key] === 'string' && plugin[key].length > 0, `plugin.json has ${key}`);
  }
  check(plugin.type === 'app', 'plugin.json type is "app"');
  check(SEMVER.test(plugin.info?.version ?? ''), `plugin.json info.version is a semver (${plugin.info?.version})`);
  const raw = readFileSync(pluginPath, 'utf8');
  check(!/%(VERSION|TODAY|PLUGIN_ID)%/.test(raw), 'plugin.json has no %VERSION%/%TODAY%/%PLUGIN_ID% placeholder left');
  check(
    plugin.dependencies?.grafanaDependency === GRAFANA_DEPENDENCY,
    `plugin.json dependencies.grafanaDependency is "${GRAFANA_DEPENDENCY}"`
  );
  check(Array.isArray(plugin.includes) && plugin.includes.length > 0, 'plugin.json has includes');
  const pages = (plugin.includes ?? []).filter((i) => i.type === 'page');
  check(pages.filter((p) => p.defaultNav).length === 1, 'exactly one page include is defaultNav');
  for (const page of pages) {
    check(page.path?.startsWith(`/a/${plugin.id}/`), `page include "${page.name}" lives under /a/${plugin.id}/`);
  }
  for (const [size, logo] of Object.entries(plugin.info?.logos ?? {})) {
    check(existsSync(join(dist, logo)), `info.logos.${size} (${logo}) exists in dist`);
  }
  check(Boolean(plugin.info?.logos?.small && plugin.info?.logos?.large), 'info.logos has small and large');
}

// Every plugin.json (root and nested) valid against the schema, each with its module.js.
for (const file of findFiles(dist, 'plugin.json')) {
  const rel = relative(dist, file);
  const json = readJson(file);
  if (!json) {
    continue;
  }
  // create-plugin's BuildModeWebpackPlugin adds `buildMode`; the vendored schema copy predates that
  // field, so it is checked here and left out of the schema validation.
  const { buildMode, ...declared } = json;
  check(
    buildMode === undefined || buildMode === 'production',
    `${rel} buildMode is production (${buildMode ?? 'unset'})`
  );
  const valid = validate(declared);
  const detail = valid
    ? ''
    : `: ${validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`).join('; ')}`;
  check(valid, `${rel} is valid against Grafana's plugin.json schema${detail}`);
  check(existsSync(join(dirname(file), 'module.js')), `${rel} has a module.js beside it`);
  if (plugin && file !== pluginPath) {
    // Grafana checks a nested plugin's own dependency and shows its own author in the catalogue.
    check(
      json.dependencies?.grafanaDependency === plugin.dependencies?.grafanaDependency,
      `${rel} grafanaDependency (${json.dependencies?.grafanaDependency}) is the app's (${plugin.dependencies?.grafanaDependency})`
    );
    check(
      json.info?.author?.name === plugin.info?.author?.name,
      `${rel} author "${json.info?.author?.name}" is the app's "${plugin.info?.author?.name}"`
    );
  }
}

// The scaffold copies every src/**/*.json; test fixtures and golden files must not ship.
const shippedJson = findFiles(dist, '.json').map((f) => relative(dist, f));
const testData = shippedJson.filter((f) => /(^|\/)(__tests__|__fixtures__|testing)\//.test(f));
check(testData.length === 0, `no test fixtures in dist${testData.length ? ` (${testData.join(', ')})` : ''}`);

for (const doc of ['README.md', 'CHANGELOG.md', 'LICENSE']) {
  check(existsSync(join(dist, doc)), `dist/${doc} exists`);
}

process.stdout.write(`check-dist: ${passed} passed, ${failures.length} failed\n`);
process.exit(failures.length ? 1 : 0);
