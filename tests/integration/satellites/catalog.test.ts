// The catalog parser on realistic satellites: the canonical layout, other layouts, CRLF, the `->`
// damage, and files it must report rather than silently drop.
import { join } from 'node:path';

import fc from 'fast-check';

import { parseSatelliteText, repairArrowDamage } from '../../../telemetry/catalog/parse';
import { scanCatalog } from '../../../telemetry/catalog/scan';

const FIXTURES = join(__dirname, '..', '..', '..', 'telemetry', '__fixtures__', 'satellites');
const damage = (text: string) =>
  text
    .split('\n')
    .map((line) => [...line].map((c) => `->${c}`).join(''))
    .join('\n');

describe('scanCatalog on the fixture tree', () => {
  const report = scanCatalog(FIXTURES, { now: new Date('2026-11-25T12:00:00Z'), version: 'abc123' });
  const ids = report.documents.map((d) => d.procedure.id);

  test('finds every procedure with <satellite folder>/PROC-<n> ids, nested folders included', () => {
    expect(ids).toEqual([
      'archive/PROC-1',
      'archive/PROC-2',
      'deployment/PROC-1',
      'deployment/PROC-2',
      'docs/PROC-3',
      'github/PROC-1',
      'github/PROC-2',
      'github/PROC-3',
      'infrastructure/PROC-1',
      'tools/codesentinel/PROC-1',
      'tools/codesentinel/PROC-2',
    ]);
    const nested = report.documents.find((d) => d.procedure.id === 'tools/codesentinel/PROC-2')!;
    expect(nested).toMatchObject({
      '@timestamp': '2026-11-25T12:00:00.000Z',
      event: { id: 'tools/codesentinel/PROC-2', dataset: 'codesentinel.catalog' },
      satellite: { id: 'tools/codesentinel', path: 'tools/codesentinel/AGENT_INSTRUCTIONS.md', version: 'abc123' },
      procedure: { number: 2, title: 'Triage findings', when: 'the scan reports findings.', steps_count: 3 },
    });
    expect(nested.procedure.content_sha).toMatch(/^[0-9a-f]{64}$/);
  });

  test('repairs the damaged satellite and reads it like a clean one', () => {
    const archive = report.files.find((f) => f.satelliteId === 'archive')!;
    expect(archive.repairedLines).toBeGreaterThan(5);
    expect(
      report.documents
        .filter((d) => d.satellite.id === 'archive')
        .map((d) => [d.procedure.title, d.procedure.steps_count, d.procedure.when])
    ).toEqual([
      ['Archive a repository', 2, 'a repository has had no commits for a year.'],
      ['Restore an archived repository', 2, 'someone needs to change an archived repository.'],
    ]);
  });

  test('reports what it skipped, with line numbers and reasons', () => {
    const docs = report.files.find((f) => f.satelliteId === 'docs')!;
    expect(docs.skipped).toEqual([
      { line: 3, reason: 'procedure heading without a number: "### Procedure: Update the changelog"' },
      { line: 8, reason: 'Procedure 2 (Publish the docs site) has no **Steps** list' },
      { line: 19, reason: 'duplicate Procedure 3; the first one is kept' },
    ]);
    expect(report.files.find((f) => f.satelliteId === 'root')!.skipped[0].reason).toMatch(
      /no "### Procedure N: Title" headings/
    );
  });

  test('other layouts: ## headings with an em dash, **When:**, 1) steps, bullets, __bold__, PROC-n headings', () => {
    const titles = Object.fromEntries(report.documents.map((d) => [d.procedure.id, d.procedure.title]));
    expect(titles['tools/codesentinel/PROC-1']).toBe('Run a scan');
    expect(titles['infrastructure/PROC-1']).toBe('Rotate a TLS certificate');
    const github2 = report.documents.find((d) => d.procedure.id === 'github/PROC-2')!;
    // The indented sub-bullet belongs to step 2, it is not a step of its own.
    expect(github2.procedure.steps_count).toBe(3);
  });
});

describe('repairArrowDamage', () => {
  test('leaves real arrows alone', () => {
    const text = 'Build -> test -> deploy\n2. Redeploy it -> then confirm';
    expect(repairArrowDamage(text)).toEqual({ text, repairedLines: 0 });
  });

  test('property: damage then repair gives the original text back', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\n') && !s.includes('\r')),
          { maxLength: 8 }
        ),
        (lines) => {
          const text = lines.join('\n');
          expect(repairArrowDamage(damage(text)).text).toBe(text);
        }
      )
    );
  });
});

describe('content hash', () => {
  const clean = '### Procedure 1: Deploy\n**When**: always.\n**Steps**:\n1. Go.\n';

  test('is the same for clean, CRLF and damaged copies of the same text', () => {
    const sha = parseSatelliteText(clean).procedures[0].contentSha;
    expect(parseSatelliteText(clean.replace(/\n/g, '\r\n')).procedures[0].contentSha).toBe(sha);
    expect(parseSatelliteText(damage(clean)).procedures[0].contentSha).toBe(sha);
  });

  test('changes when the text changes, so renumbering or edits are noticed', () => {
    const sha = parseSatelliteText(clean).procedures[0].contentSha;
    expect(parseSatelliteText(clean.replace('Go.', 'Go now.')).procedures[0].contentSha).not.toBe(sha);
  });

  test('binary files are reported, not parsed', () => {
    expect(parseSatelliteText('abc\u0000def').skipped[0].reason).toMatch(/binary/);
  });
});
