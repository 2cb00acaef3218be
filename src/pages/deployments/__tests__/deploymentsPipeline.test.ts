import { type DataTransformerConfig, FieldType, toDataFrame } from '@grafana/data';
import { type SceneDataTransformer } from '@grafana/scenes';

import {
  applyTransformations,
  column,
  columnNames,
  instantTableFrame,
} from '../../../../tests/support/scenes/transformTestUtils';
import { deploymentQueries } from '../../../queries/deployments';
import { perRunValues, runsFromFrames, safeRunUrl } from '../../shared/deployRuns';
import { durationFrames, incidentsFromFrames } from '../DeploymentRuns';
import { DEPLOY_COLUMNS, deploymentsTable } from '../deploymentsTable';

const RUN_LABELS = ['service', 'environment', 'run_id', 'status', 'version', 'url'];

function runsFrame(rows: Array<{ labels: string[]; value: number }>) {
  return instantTableFrame('runs', RUN_LABELS, rows);
}

it('the per-service table sorts the exact run counts, most first', async () => {
  const transformations = (deploymentsTable(deploymentQueries()).state.$data as SceneDataTransformer).state
    .transformations as DataTransformerConfig[];
  const [table] = await applyTransformations(transformations, [
    instantTableFrame(
      'runs',
      ['environment', 'service'],
      [
        { labels: ['production', 'checkout'], value: 3 },
        { labels: ['staging', 'payments'], value: 9 },
      ]
    ),
  ]);
  expect(columnNames(table)).toEqual(['Service', 'Environment', DEPLOY_COLUMNS.runs]);
  expect(column(table, DEPLOY_COLUMNS.runs)).toEqual([9, 3]);
});

describe('runsFromFrames', () => {
  const frames = [
    runsFrame([
      { labels: ['checkout', 'production', '7', 'success', '1.2.0', 'https://ci.example.com/7'], value: 1_800_000_000 },
      { labels: ['checkout', 'production', '8', 'rolled_back', '', 'javascript:alert(1)'], value: 1_800_000_600 },
      // Not a status the command can send: skipped, not guessed.
      { labels: ['checkout', 'production', '9', 'weird', '', ''], value: 1_800_000_900 },
    ]),
  ];
  const durations = perRunValues([
    instantTableFrame(
      'durations',
      ['service', 'environment', 'run_id'],
      [{ labels: ['checkout', 'production', '7'], value: 95 }]
    ),
  ]);

  it('reads each run with its labels and joins durations on the run id', () => {
    const runs = runsFromFrames(frames, durations);
    expect(runs).toEqual([
      expect.objectContaining({
        runId: '7',
        status: 'success',
        finishedAt: 1_800_000_000,
        version: '1.2.0',
        durationSeconds: 95,
      }),
      expect.objectContaining({ runId: '8', status: 'rolled_back', version: undefined, durationSeconds: undefined }),
    ]);
  });

  it('turns only http(s) CI links into links', () => {
    expect(safeRunUrl('https://ci.example.com/7')).toBe('https://ci.example.com/7');
    expect(safeRunUrl('http://jenkins.local:8080/job/1/')).toBe('http://jenkins.local:8080/job/1/');
    expect(safeRunUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeRunUrl('data:text/html,<script>1</script>')).toBeUndefined();
    expect(safeRunUrl('not a url')).toBeUndefined();
    expect(safeRunUrl(undefined)).toBeUndefined();
  });
});

/** An incidents range-query frame at minutes 0, 1, 2, 3, 10 and 11 after t0. */
function incidentFrame(t0: number, service: string, values: number[]) {
  return toDataFrame({
    refId: 'incidents',
    fields: [
      { name: 'Time', type: FieldType.time, values: [0, 1, 2, 3, 10, 11].map((i) => t0 + i * 60_000) },
      { name: 'Value', type: FieldType.number, labels: { service }, values },
    ],
  });
}

it('incidents: onsets of firing P1/P2 alerts per service, zeros ignored', () => {
  const t0 = 1_800_000_000_000;
  const frame = incidentFrame(t0, 'auth', [0, 1, 1, 0, 1, 1]);
  expect(incidentsFromFrames([frame])).toEqual([
    { service: 'auth', at: t0 / 1000 + 60 },
    { service: 'auth', at: t0 / 1000 + 600 },
  ]);
});

it('incidents: an alert already firing when the range begins has no onset in it', () => {
  const t0 = 1_800_000_000_000;
  const frame = incidentFrame(t0, 'checkout', [1, 1, 1, 0, 1, 1]);
  expect(incidentsFromFrames([frame], t0 / 1000)).toEqual([{ service: 'checkout', at: t0 / 1000 + 600 }]);
  // Starting one step later, the first sample is a real onset.
  expect(incidentsFromFrames([frame], t0 / 1000 - 60)).toHaveLength(2);
});

it('durations: one points series per service and environment, in time order', () => {
  const run = (service: string, finishedAt: number, durationSeconds?: number) => ({
    service,
    environment: 'production',
    runId: String(finishedAt),
    status: 'success' as const,
    finishedAt,
    durationSeconds,
  });
  const frames = durationFrames([
    run('payments', 20, 30),
    run('checkout', 30, 12),
    run('checkout', 10, 40),
    run('auth', 5),
  ]);
  expect(frames.map((f) => f.name)).toEqual(['checkout (production)', 'payments (production)']);
  expect(frames[0].fields[0].values).toEqual([10_000, 30_000]);
  expect(frames[0].fields[1].values).toEqual([40, 12]);
});
