// Satellite telemetry against a real Elasticsearch: the index templates install, CLI documents are
// searchable, and every aggregation the Satellite Health page depends on returns the expected
// numbers on a known data set whose procedure ids are hostile to Lucene.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { luceneTerm } from '../../../src/queries/elasticsearch/lucene';
import {
  catalogProcedures,
  durationPercentilesOverTime,
  feedbackByProcedure,
  latestComments,
  outcomesOverTime,
  reviewByQuarter,
  FIELDS,
  reviewStatus,
  statusByProcedure,
  taskSpeedOverTime,
  termsVariableQuery,
  usageByProcedure,
  type SatelliteQuery,
} from '../../../src/queries/elasticsearch/satellites';
import { TelemetryClient } from '../../../telemetry/client';
import { DURATION_BUCKETS_SECONDS } from '../../../telemetry/exporter/collect';
import { startExporter } from '../../../telemetry/exporter/server';
import { INDEX_PATTERN } from '../../../telemetry/template';
import { es, ES_URL, refreshAndCount, startFreshElasticsearch, stopElasticsearch } from '../support/elasticsearch';

import { runCli } from './cliRunner';
import {
  buildDataset,
  DAY,
  DECOY_IDS,
  HOSTILE_IDS,
  mean,
  NEVER_USED_IDS,
  percentile,
  RANGE,
  START,
  type Expected,
} from './dataset';
import { termsVariableSearchBody, toSearchBody } from './grafanaQuery';
import { describeReviewWorkflow } from './reviewWorkflow';

// Starting (or restarting) Elasticsearch takes 12–35 s on the 2-core machine, more while other suites run.
const SLOW_MS = 240_000;

const FIXTURES = join(__dirname, '..', '..', '..', 'telemetry', '__fixtures__', 'satellites');
let spoolDir: string;
let env: Record<string, string>;
let expected: Map<string, Expected>;

async function search(q: SatelliteQuery) {
  return es('POST', `/${INDEX_PATTERN}/_search`, toSearchBody(q, RANGE));
}

function buckets(agg: any): any[] {
  return agg.buckets as any[];
}

beforeAll(async () => {
  const ms = startFreshElasticsearch();
  process.stdout.write(`elasticsearch started in ${(ms / 1000).toFixed(1)} s\n`);
  spoolDir = mkdtempSync(join(tmpdir(), 'cs-telemetry-'));
  env = { CODESENTINEL_ES_URL: ES_URL, CODESENTINEL_TELEMETRY_SPOOL: join(spoolDir, 'spool.jsonl') };
  const setup = await runCli(['setup'], env);
  expect(setup.code).toBe(0);
  const data = buildDataset();
  expected = data.expected;
  // The first bulk creates four monthly indices: on a loaded 2-core machine that alone took over 10 s.
  const client = new TelemetryClient({
    es: { url: ES_URL, timeoutMs: 60_000 },
    spoolPath: join(spoolDir, 'dataset-spool.jsonl'),
  });
  const result = await client.submit(data.docs);
  expect(result).toMatchObject({ stored: data.docs.length, pending: 0, rejected: 0 });
  // Catalog: the fixture tree plus procedures that exist but are never invoked in the data set.
  const catalog = await runCli(['catalog', FIXTURES], env);
  expect(catalog.code).toBe(0);
  await es('POST', `/${INDEX_PATTERN}/_refresh`);
}, SLOW_MS);

afterAll(() => {
  stopElasticsearch();
});

describe('index templates', () => {
  test('three composable index templates built from five component templates are installed', async () => {
    const templates = await es('GET', '/_index_template/codesentinel-satellites-*');
    const names = templates.index_templates.map((t: any) => t.name).sort();
    expect(names).toEqual([
      'codesentinel-satellites-catalog',
      'codesentinel-satellites-feedback',
      'codesentinel-satellites-invocations',
    ]);
    const mapping = await es('GET', '/codesentinel-satellites-invocations-2026.01/_mapping');
    const m = mapping['codesentinel-satellites-invocations-2026.01'].mappings;
    expect(m.dynamic).toBe('strict');
    expect(m.properties.procedure.properties.id.type).toBe('keyword');
    expect(m.properties['@timestamp'].type).toBe('date');
    expect(m.properties.error.properties.message.type).toBe('text');
  });

  test('a document with an unmapped field is rejected (dynamic: strict) and kept in rejected.jsonl, not retried forever', async () => {
    const client = new TelemetryClient({
      es: { url: ES_URL, timeoutMs: 60_000 },
      spoolPath: join(spoolDir, 'strict-spool.jsonl'),
    });
    const result = await client.submit([
      {
        index: 'codesentinel-satellites-invocations-2026.01',
        id: 'strict-1',
        op: 'create',
        source: { '@timestamp': '2026-01-05T00:00:00Z', surprise: 1 },
      },
    ]);
    expect(result).toMatchObject({ stored: 0, rejected: 1, pending: 0 });
    expect(await refreshAndCount(INDEX_PATTERN, { ids: { values: ['strict-1'] } })).toBe(0);
  });
});

describe('CLI documents are searchable', () => {
  test('record, feedback and catalog documents can be found by escaped Lucene queries', async () => {
    const rec = await runCli(
      [
        'record',
        '-p',
        'tools/codesentinel/PROC-2',
        '-s',
        'agent_aborted',
        '--abort-reason',
        'approval_denied',
        '-d',
        '420',
        '--session',
        'cli-s1',
      ],
      env
    );
    expect(rec.code).toBe(0);
    const { event_id: eventId } = JSON.parse(rec.stdout);
    const fb = await runCli(
      [
        'feedback',
        '-p',
        'tools/codesentinel/PROC-2',
        '-c',
        '2',
        '-u',
        '4',
        '-m',
        'step 3 is ambiguous',
        '--invocation',
        eventId,
      ],
      env
    );
    expect(fb.code).toBe(0);
    await es('POST', `/${INDEX_PATTERN}/_refresh`);
    const q = (query: string) => es('POST', `/${INDEX_PATTERN}/_search`, { query: { query_string: { query } } });
    const inv = await q(
      `${luceneTerm('event.id', eventId)} AND ${luceneTerm('procedure.id', 'tools/codesentinel/PROC-2')}`
    );
    expect(inv.hits.total.value).toBe(1);
    expect(inv.hits.hits[0]._source).toMatchObject({
      status: 'agent_aborted',
      abort_reason: 'approval_denied',
      duration_ms: 420,
      satellite: { id: 'tools/codesentinel' },
    });
    const feedback = await q(luceneTerm('invocation.id', eventId));
    expect(feedback.hits.hits[0]._source).toMatchObject({ clarity: 2, usefulness: 4, comment: 'step 3 is ambiguous' });
    const catalog = await q(
      `${luceneTerm('event.dataset', 'codesentinel.catalog')} AND ${luceneTerm('satellite.id', 'archive')}`
    );
    // The damaged satellite was repaired: its two procedures are in the catalog with clean titles.
    expect(catalog.hits.hits.map((h: any) => h._source.procedure.title).sort()).toEqual([
      'Archive a repository',
      'Restore an archived repository',
    ]);
  });
});

describe('page aggregations on a known data set with hostile ids', () => {
  test.each(HOSTILE_IDS)('terms: usage of %s counts only its own runs', async (id) => {
    const r = await search(usageByProcedure({ procedure: id }));
    expect(buckets(r.aggregations['2']).map((b) => [b.key, b.doc_count])).toEqual([[id, expected.get(id)!.runs]]);
  });

  test('terms: usage of every procedure, most used first', async () => {
    const r = await search(usageByProcedure({}));
    const got = buckets(r.aggregations['2']).filter((b) => expected.has(b.key));
    const want = [...expected.entries()].map(([id, e]) => [id, e.runs]).sort((a, b) => Number(b[1]) - Number(a[1]));
    expect(got.map((b) => [b.key, b.doc_count])).toEqual(want);
  });

  test.each(HOSTILE_IDS)('terms: failures and aborts of %s (satellite filter escaped too)', async (id) => {
    const satellite = id.slice(0, id.lastIndexOf('/'));
    const e = expected.get(id)!;
    const failures = await search(statusByProcedure({ satellite }, 'failure'));
    const aborts = await search(statusByProcedure({ satellite }, 'agent_aborted'));
    const countOf = (r: any) => buckets(r.aggregations['2']).find((b) => b.key === id)?.doc_count ?? 0;
    expect(countOf(failures)).toBe(e.failures);
    expect(countOf(aborts)).toBe(e.aborts);
    // Only procedures of this satellite come back: the decoys are not matched by the escaped value.
    const usage = await search(usageByProcedure({ satellite }));
    const keys = buckets(usage.aggregations['2']).map((b) => b.key);
    expect(keys).toContain(id);
    expect(keys.every((k) => k.startsWith(`${satellite}/`))).toBe(true);
  });

  test.each(HOSTILE_IDS)('picker: the procedures of the satellite of %s are exactly its own', async (id) => {
    const satellite = id.slice(0, id.lastIndexOf('/'));
    const body = termsVariableSearchBody(termsVariableQuery(FIELDS.procedure, { satellite }), RANGE);
    const r = await es('POST', `/${INDEX_PATTERN}/_search`, body);
    const keys: string[] = buckets(r.aggregations['1']).map((b) => b.key);
    const own = [...HOSTILE_IDS, ...DECOY_IDS].filter((k) => k.slice(0, k.lastIndexOf('/')) === satellite);
    expect(keys.filter((k) => !k.startsWith(`${satellite}/`))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(own));
  });

  test.each(HOSTILE_IDS)('filters + date_histogram: outcomes of %s per day and status', async (id) => {
    const r = await search(outcomesOverTime({ procedure: id }, '1d'));
    const e = expected.get(id)!;
    const byStatus = r.aggregations['3'].buckets;
    expect(Object.keys(byStatus).sort()).toEqual(['agent_aborted', 'failure', 'success']);
    for (const status of ['success', 'failure', 'agent_aborted'] as const) {
      const perDay = buckets(byStatus[status]['2']).filter((b) => b.key >= START && b.key < START + 4 * DAY);
      expect(perDay.map((b) => b.doc_count)).toEqual(e.statusByDay[status]);
    }
  });

  test.each(['star*/PROC-1', 'we"ird/PROC-1', 'with space/PROC-1', '(paren) AND x/PROC-4'])(
    'date_histogram + avg: daily mean duration of successful runs of %s',
    async (id) => {
      const r = await search(taskSpeedOverTime({ procedure: id }, '1d'));
      const e = expected.get(id)!;
      const nonEmpty = buckets(r.aggregations['2']).filter((b) => b.doc_count > 0);
      const want = [...e.successByDay.entries()].sort((a, b) => a[0] - b[0]);
      expect(nonEmpty.map((b) => b.key)).toEqual(want.map(([day]) => START + day * DAY));
      nonEmpty.forEach((b, k) => expect(b['1'].value).toBeCloseTo(mean(want[k][1]), 6));
    }
  );

  test.each(['github/PROC-1', 'back\\slash/PROC-3', 'OR/PROC-1'])(
    'percentiles: p50/p90/p99 of %s over the whole range',
    async (id) => {
      const r = await search(durationPercentilesOverTime({ procedure: id }, '100d'));
      const e = expected.get(id)!;
      const all = buckets(r.aggregations['2']).filter((b) => b.doc_count > 0);
      expect(all).toHaveLength(1);
      const values = all[0]['1'].values;
      const spread = Math.max(...e.durations) - Math.min(...e.durations);
      for (const p of [50, 90, 99]) {
        // t-digest is exact only up to interpolation between neighbouring samples.
        expect(Math.abs(values[`${p}.0`] - percentile(e.durations, p))).toBeLessThanOrEqual(
          spread / (e.durations.length - 1)
        );
      }
    }
  );

  test('avg: feedback clarity and usefulness per procedure', async () => {
    const r = await search(feedbackByProcedure({}));
    for (const b of buckets(r.aggregations['2']).filter((x) => expected.has(x.key))) {
      const e = expected.get(b.key)!;
      expect(b.doc_count).toBe(e.clarity.length);
      expect(b['3'].value).toBeCloseTo(mean(e.clarity), 9);
      expect(b['4'].value).toBeCloseTo(mean(e.usefulness), 9);
    }
  });

  test('terms + avg: quarter-over-quarter review table, newest quarter first', async () => {
    const r = await search(reviewByQuarter({}));
    const quarters: Record<string, { clarity: number[]; usefulness: number[] }> = {
      '2026-Q1': { clarity: [], usefulness: [] },
      '2025-Q4': { clarity: [], usefulness: [] },
    };
    expected.forEach((e) =>
      e.clarity.forEach((c, k) => {
        const q = quarters[k % 2 ? '2025-Q4' : '2026-Q1'];
        q.clarity.push(c);
        q.usefulness.push(e.usefulness[k]);
      })
    );
    const rows = buckets(r.aggregations['2']);
    expect(rows.map((b) => b.key)).toEqual(['2026-Q1', '2025-Q4']);
    for (const b of rows) {
      expect(b.doc_count).toBe(quarters[b.key].clarity.length);
      expect(b['4'].value).toBeCloseTo(mean(quarters[b.key].clarity), 9);
      expect(b['5'].value).toBeCloseTo(mean(quarters[b.key].usefulness), 9);
    }
  });

  test('terms: feedback per review quarter and status, the named quarters only', async () => {
    const r = await search(reviewStatus({}, ['2026-Q1', '2025-Q4']));
    const counts: Record<string, Record<string, number>> = {};
    expected.forEach((e) =>
      e.clarity.forEach((_c, k) => {
        const quarter = (counts[k % 2 ? '2025-Q4' : '2026-Q1'] ??= {});
        const status = k === 0 ? 'new' : 'triaged';
        quarter[status] = (quarter[status] ?? 0) + 1;
      })
    );
    const rows = buckets(r.aggregations['2']);
    expect(rows.map((b) => b.key)).toEqual(['2026-Q1', '2025-Q4']);
    expect(
      Object.fromEntries(
        rows.map((q) => [q.key, Object.fromEntries(buckets(q['3']).map((s) => [s.key, s.doc_count]))])
      )
    ).toEqual(counts);
    const older = await search(reviewStatus({}, ['2025-Q4']));
    expect(buckets(older.aggregations['2']).map((b) => b.key)).toEqual(['2025-Q4']);
  });

  test('raw data: latest comments come back verbatim, newest first', async () => {
    const r = await search(latestComments({ procedure: 'we"ird/PROC-1' }, 5));
    const comments = r.hits.hits.map((h: any) => h._source.comment);
    expect(comments[0]).toBe('<b>feedback 2</b> on we"ird/PROC-1');
    expect(comments.every((c: string) => c.endsWith('on we"ird/PROC-1'))).toBe(true);
  });

  test('catalog minus usage: never-used procedures', async () => {
    const wide = { from: RANGE.from, to: Date.now() + DAY };
    const catalog = await es('POST', `/${INDEX_PATTERN}/_search`, toSearchBody(catalogProcedures({}), wide));
    const usage = await es('POST', `/${INDEX_PATTERN}/_search`, toSearchBody(usageByProcedure({}), wide));
    const used = new Set(buckets(usage.aggregations['2']).map((b) => b.key));
    const never = buckets(catalog.aggregations['2'])
      .map((b) => b.key)
      .filter((k) => !used.has(k));
    expect(never).toEqual(expect.arrayContaining(NEVER_USED_IDS));
    expect(never).not.toContain('tools/codesentinel/PROC-2');
    expect(never).toHaveLength(11 - 2); // 11 catalogued, github/PROC-1 and tools/codesentinel/PROC-2 are used
  });

  test('decoys exist, so an unescaped query would have matched them', async () => {
    const r = await search(usageByProcedure({}));
    const keys = buckets(r.aggregations['2']).map((b) => b.key);
    expect(keys).toEqual(expect.arrayContaining(DECOY_IDS));
  });
});

describe('Prometheus exporter derived from the stored events', () => {
  const EXPORTER_PORT = 19209;
  let server: Server;
  let text: string;

  /** Independent parser for `name{k="v",...} value` lines (label values unescaped per the format). */
  function samples(name: string): Array<{ labels: Record<string, string>; value: number }> {
    const out: Array<{ labels: Record<string, string>; value: number }> = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith(name + '{')) {
        continue;
      }
      const labels: Record<string, string> = {};
      const re = /(\w+)="((?:[^"\\]|\\.)*)"/g;
      const end = line.lastIndexOf('} ');
      let m: RegExpExecArray | null;
      while ((m = re.exec(line.slice(0, end + 1)))) {
        labels[m[1]] = m[2].replace(/\\(.)/g, (_x, c) => (c === 'n' ? '\n' : c));
      }
      out.push({ labels, value: Number(line.slice(end + 2)) });
    }
    return out;
  }

  beforeAll(async () => {
    server = await startExporter({
      es: { url: ES_URL, timeoutMs: 60_000 },
      host: '127.0.0.1',
      port: EXPORTER_PORT,
      minIntervalMs: 0,
    });
    const res = await fetch(`http://127.0.0.1:${EXPORTER_PORT}/metrics`);
    expect(res.status).toBe(200);
    text = await res.text();
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  test('the exposition passes promtool check metrics', () => {
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    // promtool exits 3 for lint advice only (e.g. naming), 1 for unparsable input.
    expect(check.status === 0 || (check.status === 3 && !/error/i.test(check.stderr))).toBe(true);
    expect(text).toContain('codesentinel_satellite_exporter_elasticsearch_up 1');
  });

  test.each(HOSTILE_IDS)('invocations_total for %s matches the stored runs per status', (id) => {
    const e = expected.get(id)!;
    const extraCliAbort = id === 'tools/codesentinel/PROC-2' ? 1 : 0;
    const byStatus = Object.fromEntries(
      samples('codesentinel_satellite_procedure_invocations_total')
        .filter((s) => s.labels.procedure === id)
        .map((s) => [s.labels.status, s.value])
    );
    const want: Record<string, number> = { success: e.runs - e.failures - e.aborts };
    if (e.failures) {
      want.failure = e.failures;
    }
    if (e.aborts + extraCliAbort) {
      want.agent_aborted = e.aborts + extraCliAbort;
    }
    expect(byStatus).toEqual(want);
  });

  test('labels are only satellite, procedure, status (+ le): no session, task or free text', () => {
    for (const s of samples('codesentinel_satellite_procedure_invocations_total')) {
      expect(Object.keys(s.labels).sort()).toEqual(['procedure', 'satellite', 'status']);
    }
    for (const s of samples('codesentinel_satellite_procedure_duration_seconds_bucket')) {
      expect(Object.keys(s.labels).sort()).toEqual(['le', 'procedure', 'satellite', 'status']);
    }
  });

  test('duration histogram buckets, sum and count for we"ird/PROC-1 successes', () => {
    const id = 'we"ird/PROC-1';
    const e = expected.get(id)!;
    const success = [...e.successByDay.values()].flat();
    const mine = (name: string) =>
      samples(name).filter((s) => s.labels.procedure === id && s.labels.status === 'success');
    expect(mine('codesentinel_satellite_procedure_duration_seconds_count')[0].value).toBe(success.length);
    expect(mine('codesentinel_satellite_procedure_duration_seconds_sum')[0].value).toBeCloseTo(
      success.reduce((a, b) => a + b, 0) / 1000,
      6
    );
    const buckets = mine('codesentinel_satellite_procedure_duration_seconds_bucket');
    const le = (b: number) => buckets.find((s) => s.labels.le === String(b))!.value;
    for (const bound of DURATION_BUCKETS_SECONDS) {
      expect(le(bound)).toBe(success.filter((d) => d <= bound * 1000).length);
    }
    expect(buckets.find((s) => s.labels.le === '+Inf')!.value).toBe(success.length);
  });
});

// Last: it adds documents (2026-Q3/Q4, satellite review-sat) that the tests above do not expect.
describeReviewWorkflow(() => env);
