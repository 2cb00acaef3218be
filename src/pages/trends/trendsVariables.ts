// The Trends & Capacity selection as scene variables, so it lives in the URL next to the time range:
// `var-ds`, `var-service` (All = every service) and `var-threshold` (percent of capacity).
import { CustomVariable, QueryVariable, type SceneObject, SceneVariableSet, sceneGraph } from '@grafana/scenes';
import { VariableRefresh } from '@grafana/schema';

import { PROMETHEUS_DS_REF, VAR_SERVICE } from '../../constants';
import type { MetricConvention } from '../../queries/conventions';
import { MATCH_ALL_REGEX } from '../../queries/escape';
import { servicesVariableQuery } from '../../queries/service';
import { makePrometheusDatasourceVariable } from '../shared/sceneParts';

export const VAR_THRESHOLD = 'threshold';
/** Capacity thresholds offered, in percent of the volume's capacity or the container's limit. */
export const THRESHOLD_CHOICES = [70, 80, 85, 90, 95, 98] as const;
export const DEFAULT_THRESHOLD_PERCENT = 90;
/** "All" sends a match-everything regex, so the forecasts show one series per service. */
export const ALL_SERVICES_VALUE = MATCH_ALL_REGEX;

export function makeTrendsVariables(c: MetricConvention, prometheusUid?: string): SceneVariableSet {
  return new SceneVariableSet({
    variables: [
      makePrometheusDatasourceVariable(prometheusUid),
      new QueryVariable({
        name: VAR_SERVICE,
        label: 'Service',
        description: 'Forecasts and the weekly profile for this service; All shows every service',
        datasource: PROMETHEUS_DS_REF,
        query: { refId: VAR_SERVICE, query: servicesVariableQuery(c).query },
        refresh: VariableRefresh.onTimeRangeChanged,
        includeAll: true,
        defaultToAll: true,
        allValue: ALL_SERVICES_VALUE,
      }),
      new CustomVariable({
        name: VAR_THRESHOLD,
        label: 'Threshold (%)',
        description: 'Share of a volume’s capacity or a container’s memory limit that counts as exhausted',
        query: THRESHOLD_CHOICES.join(','),
        value: String(DEFAULT_THRESHOLD_PERCENT),
        text: String(DEFAULT_THRESHOLD_PERCENT),
      }),
    ],
  });
}

/** The threshold as a share (0.9); a hand-edited URL value outside the choices falls back to 90 %. */
export function parseThreshold(value: unknown): number {
  const raw = Array.isArray(value) ? value[0] : value;
  const percent = Number(raw);
  const allowed = (THRESHOLD_CHOICES as readonly number[]).includes(percent);
  return (allowed ? percent : DEFAULT_THRESHOLD_PERCENT) / 100;
}

export function readThreshold(scene: SceneObject): number {
  return parseThreshold(sceneGraph.lookupVariable(VAR_THRESHOLD, scene)?.getValue());
}
