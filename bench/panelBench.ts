// `npm run bench:panel`: the forecast panel in Debian's Chromium on the browser-test harness page.
// For each size it measures, in the page: data → first band drawn, data → everything drawn, and the
// longest main-thread task after the data arrived (Long Tasks API; tasks under 50 ms are not
// reported by the browser, so "<50" means none was). Then the gzip sizes the panel downloads.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { chromiumLaunchOptions } from '../playwright.browser.config';

import { panelBundleSizes } from './panelBundleSizes';

const PORT = 19133;
const ROOT = join(__dirname, '..');
const SIZES = (process.env.BENCH_SIZES ?? '10x1000,100x10000').split(',');
const RUNS = ['cold', 'warm'] as const;

interface Row {
  size: string;
  run: string;
  series: number;
  firstBandMs: number;
  totalMs: number;
  longestTaskMs: number;
  longTasks: number;
  bands: number;
}

async function waitForServer(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) {
        return;
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`harness server did not start at ${url}`);
}

async function measure(size: string): Promise<Row[]> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const page = await browser.newPage({ viewport: { width: 1140, height: 540 } });
  const rows: Row[] = [];
  try {
    await page.goto(`http://127.0.0.1:${PORT}/index.html?bench`);
    // The warm run uses different data (one step later): workers and WASM are warm, fits are not cached.
    const names = { cold: size, warm: `${size}@1` };
    for (const run of RUNS) {
      await page.evaluate((name) => window.__harness.prepare(name), names[run]);
      await page.evaluate((name) => window.__harness.show(name), names[run]);
      await page.waitForFunction(() => window.__harness.allDrawnAt !== undefined, undefined, {
        timeout: 900_000,
        polling: 200,
      });
      // Long tasks are reported asynchronously; give the observer a moment.
      await page.waitForTimeout(300);
      const r = await page.evaluate(() => {
        const h = window.__harness;
        const after = h.longTasks.filter((t) => t.start >= (h.dataAt ?? 0));
        return {
          firstBandMs: (h.firstBandAt ?? NaN) - (h.dataAt ?? 0),
          totalMs: (h.allDrawnAt ?? NaN) - (h.dataAt ?? 0),
          longestTaskMs: Math.max(0, ...after.map((t) => t.duration)),
          longTasks: after.length,
          bands: h.bandsDrawn,
        };
      });
      rows.push({ size, run, series: Number(size.split('x')[0]), ...r });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

function fmt(ms: number): string {
  return Number.isFinite(ms) ? ms.toFixed(0) : 'n/a';
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main() {
  let server: ChildProcess | undefined;
  try {
    server = spawn('npx', ['tsx', join(ROOT, 'tests', 'browser', 'serve.ts')], {
      env: { ...process.env, HARNESS_PORT: String(PORT) },
      stdio: 'ignore',
      // Own process group: `npx` starts tsx and node under it, and all of them must stop with the bench.
      detached: true,
    });
    await waitForServer(`http://127.0.0.1:${PORT}/index.html`);
    const rows: Row[] = [];
    for (const size of SIZES) {
      rows.push(...(await measure(size)));
    }
    const header = [
      'series × points',
      'run',
      'first band ms',
      'all drawn ms',
      'longest task ms',
      'tasks >50 ms',
      'bands',
    ];
    const lines = rows.map((r) => [
      r.size.replace('x', ' × '),
      r.run,
      fmt(r.firstBandMs),
      fmt(r.totalMs),
      r.longTasks === 0 ? '<50' : fmt(r.longestTaskMs),
      String(r.longTasks),
      `${r.bands}/${r.series}`,
    ]);
    printTable(header, lines);
    process.stdout.write(
      '\ncold: the first data on a fresh page (worker start, WASM compile, JIT warm-up, Grafana value-format\n' +
        'tables built); warm: the next query, with different data (nothing reused from the cold run but code).\n' +
        'Targets: 10 × 1,000 all bands < 100 ms; 100 × 10,000 first band < 1 s and no task > 50 ms.\n'
    );

    const stats = join(ROOT, 'artifacts', 'webpack-stats.json');
    if (existsSync(stats)) {
      const sizes = panelBundleSizes(stats, join(ROOT, 'dist'));
      process.stdout.write('\nPanel download (gzip -9, production build):\n');
      process.stdout.write(`  entry dist/panels/forecast/module.js   ${kb(sizes.entryGzip)}\n`);
      process.stdout.write(`  lazy JS (${sizes.lazyJsFiles.join(', ')})   ${kb(sizes.lazyJsGzip)}\n`);
      process.stdout.write(`  total without WASM                      ${kb(sizes.entryGzip + sizes.lazyJsGzip)}\n`);
      for (const w of sizes.wasm) {
        process.stdout.write(`  WASM ${w.file}   ${kb(w.gzip)}\n`);
      }
      process.stdout.write(
        `  WASM total                              ${kb(sizes.wasm.reduce((a, w) => a + w.gzip, 0))}\n`
      );
    } else {
      process.stdout.write(`\n(no ${stats}: run the production build with --json to get bundle sizes)\n`);
    }
  } finally {
    if (server?.pid) {
      process.kill(-server.pid, 'SIGTERM');
    }
  }
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  process.stdout.write(`${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n`);
  rows.forEach((r) => process.stdout.write(`${line(r)}\n`));
}

void main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
