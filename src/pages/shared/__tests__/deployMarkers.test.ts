import { DataTopic } from '@grafana/data';
import { type EmbeddedScene, sceneGraph } from '@grafana/scenes';

import { allPromQueries } from '../../../queries/catalogue';
import { PRESETS } from '../../../queries/conventions';
import { resolveAppSettings } from '../../../settings/resolve';
import { buildCanaryScene } from '../../canary/canaryScene';
import { buildOverviewScene } from '../../overview/overviewScene';
import { buildServiceScene } from '../../service/serviceScene';
import { buildTrendsScene } from '../../trends/trendsScene';
import { DeployMarkersLayer, markerFrame } from '../deployMarkers';

const settings = resolveAppSettings({});
const catalogue = new Set(allPromQueries(PRESETS.otel, { service: 'checkout' }).map((e) => e.expr));

test.each([
  ['Overview', () => buildOverviewScene(settings), 'job="ci_deploy"}'],
  ['Deep-Dive', () => buildServiceScene('checkout', settings), 'service="checkout"'],
  ['Trends', () => buildTrendsScene(settings), 'service=~"${service}"'],
  ['Canary', () => buildCanaryScene(settings), 'service=~"${service}"'],
] as Array<[string, () => EmbeddedScene, string]>)('%s charts carry the deploy markers of the services in view', (_page, build, scope) => {
  const scene = build();
  const layers = sceneGraph.findAllObjects(scene, (o) => o instanceof DeployMarkersLayer) as DeployMarkersLayer[];
  expect(layers).toHaveLength(1);
  expect(layers[0].state.isEnabled).toBe(true);
  expect(catalogue.has(layers[0].state.expr)).toBe(true);
  expect(layers[0].state.expr).toContain(scope);
});

test('each run becomes one annotation at its finish time, with version, environment and outcome as text', () => {
  const frame = markerFrame([
    { service: 'auth', environment: 'production', runId: '9', status: 'rolled_back', finishedAt: 1_800_000_000, version: '1.2.0' },
    { service: 'auth', environment: 'staging', runId: '10', status: 'success', finishedAt: 1_800_000_600 },
  ]);
  expect(frame.meta?.dataTopic).toBe(DataTopic.Annotations);
  const field = (name: string) => frame.fields.find((f) => f.name === name)!.values;
  expect(field('time')).toEqual([1_800_000_000_000, 1_800_000_600_000]);
  expect(field('text')).toEqual(['auth version 1.2.0 to production: rolled back', 'auth run 10 to staging: succeeded']);
  expect(field('color')).toEqual(['orange', 'green']);
});
