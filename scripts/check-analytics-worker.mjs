#!/usr/bin/env node
// Runs the analytics Web Worker from the production build in real Chromium, the way Grafana would
// serve it (dist/ under /public/plugins/<id>/), and checks what a unit test cannot:
// - the worker chunk is not wrapped in the scaffold's AMD `define(...)` (no `define` in a worker);
// - it finds its lazy chunks and the augurs .wasm through its automatic public path;
// - neither the app's nor the panel's module.js carries WASM (it is loaded lazily, inside the worker).
// Usage: npm run build && node scripts/check-analytics-worker.mjs [distDir]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.argv[2] ?? join(root, 'dist');
const pluginId = JSON.parse(readFileSync(join(root, 'plugin.json'), 'utf8')).id;
const base = `/public/plugins/${pluginId}/`;
const workerFile = join(dist, 'analytics-worker.js');

function fail(message) {
  process.stdout.write(`  FAIL ${message}\n`);
  process.exit(1);
}

if (!existsSync(workerFile)) {
  fail(`${workerFile} is missing: run npm run build first`);
}
const workerSource = readFileSync(workerFile, 'utf8');
if (/^\s*define\(/.test(workerSource)) {
  fail('analytics-worker.js is AMD-wrapped; it would throw "define is not defined" in a worker');
}
// The emitted WASM assets by name: an entry that names one loads it eagerly. (Matching any ".wasm"
// text would also catch the error boundary's check for a failed WASM load.)
const wasmAssets = readdirSync(dist).filter((f) => f.endsWith('.wasm'));
if (wasmAssets.length === 0) {
  fail('dist has no .wasm asset: the augurs WASM was not emitted');
}
for (const entry of ['module.js', join('panels', 'forecast', 'module.js')]) {
  const source = readFileSync(join(dist, entry), 'utf8');
  const named = wasmAssets.filter((asset) => source.includes(asset));
  if (named.length) {
    fail(`${entry} references ${named.join(', ')}; WASM must load lazily`);
  }
}

const page = `<!doctype html><pre id="out">pending</pre><script>
const out = document.getElementById('out');
const worker = new Worker('${base}analytics-worker.js', { name: 'codesentinel-analytics' });
worker.onerror = (e) => { out.textContent = 'worker error: ' + e.message; };
const timestamps = [], values = [];
for (let i = 0; i < 24 * 14; i++) {
  timestamps.push(Date.UTC(2026, 0, 5) + i * 3600e3);
  values.push(100 + 10 * Math.sin((2 * Math.PI * i) / 24) + ((i * 7919) % 13) / 6);
}
worker.onmessage = (e) => { out.textContent = JSON.stringify(e.data.result.result); };
worker.postMessage({ type: 'run', jobId: 1, request: { kind: 'analysis', request: { id: 'probe', series: { timestamps, values }, forecast: { model: 'auto', horizon: 24 } } } });
</script>`;

const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    return;
  }
  const file = normalize(join(dist, path.slice(base.length)));
  if (!path.startsWith(base) || !file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
let text = 'pending';
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${port}/`);
  await tab
    .waitForFunction(() => document.getElementById('out').textContent !== 'pending', null, { timeout: 60_000 })
    .catch(() => undefined);
  text = await tab.textContent('#out');
} finally {
  await browser.close();
  server.close();
}
let result;
try {
  result = JSON.parse(text);
} catch {
  fail(`the worker did not answer: ${text}`);
}
if (!result.ok || result.forecast.model.kind !== 'mstl-ets') {
  fail(`unexpected worker result: ${text.slice(0, 300)}`);
}
process.stdout.write(
  `  ok   analytics worker in Chromium: ${result.forecast.model.label} (${result.forecast.model.why})\n`
);
