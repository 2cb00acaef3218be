// The Canary Analysis selection as scene variables, so it lives in the URL (`var-service`,
// `var-split`, `var-splitLabel`, `var-canary`, `var-baseline`) next to the time range.
import {
  CustomVariable,
  QueryVariable,
  type SceneObject,
  SceneVariableSet,
  TextBoxVariable,
  sceneGraph,
} from '@grafana/scenes';
import { VariableHide, VariableRefresh } from '@grafana/schema';

import { PROMETHEUS_DS_REF, VAR_SERVICE } from '../../constants';
import { type CanarySelection, SPLIT_PRESETS, defaultSplit, isSplitPreset } from '../../queries/canary';
import type { MetricConvention } from '../../queries/conventions';
import { servicesVariableQuery } from '../../queries/service';
import { makePrometheusDatasourceVariable } from '../shared/sceneParts';

export const VAR_SPLIT = 'split';
export const VAR_SPLIT_LABEL = 'splitLabel';
export const VAR_CANARY_VALUES = 'canary';
export const VAR_BASELINE_VALUES = 'baseline';

export const CANARY_VARIABLE_NAMES = [VAR_SERVICE, VAR_SPLIT, VAR_SPLIT_LABEL, VAR_CANARY_VALUES, VAR_BASELINE_VALUES];

/** Which free-text fields a split style needs. */
export function fieldsFor(preset: string): { label: boolean; values: boolean } {
  return { label: preset === 'custom', values: preset === 'custom' || preset === 'argo-hash' };
}

export function makeCanaryVariables(c: MetricConvention, prometheusUid?: string): SceneVariableSet {
  const split = defaultSplit(c);
  const fields = fieldsFor(split.preset);
  const services = servicesVariableQuery(c);
  return new SceneVariableSet({
    variables: [
      makePrometheusDatasourceVariable(prometheusUid),
      new QueryVariable({
        name: VAR_SERVICE,
        label: 'Service',
        datasource: PROMETHEUS_DS_REF,
        query: { refId: VAR_SERVICE, query: services.query },
        refresh: VariableRefresh.onTimeRangeChanged,
      }),
      new CustomVariable({
        name: VAR_SPLIT,
        label: 'Split by',
        description: 'How canary and baseline requests are told apart',
        query: SPLIT_PRESETS.map((p) => `${p.label} : ${p.id}`).join(', '),
        value: split.preset,
      }),
      new TextBoxVariable({
        name: VAR_SPLIT_LABEL,
        label: 'Label',
        description: 'The label whose values mark canary and baseline',
        value: split.label,
        hide: fields.label ? VariableHide.dontHide : VariableHide.hideVariable,
      }),
      new TextBoxVariable({
        name: VAR_CANARY_VALUES,
        label: 'Canary values',
        description: 'Comma-separated exact values (Argo: the canary pod-template hash)',
        value: '',
        hide: fields.values ? VariableHide.dontHide : VariableHide.hideVariable,
      }),
      new TextBoxVariable({
        name: VAR_BASELINE_VALUES,
        label: 'Baseline values',
        description: 'Comma-separated exact values (Argo: the stable pod-template hash)',
        value: '',
        hide: fields.values ? VariableHide.dontHide : VariableHide.hideVariable,
      }),
    ],
  });
}

/** Shows the label and value boxes only for the split styles that use them. */
export function syncFieldVisibility(scene: SceneObject): void {
  const preset = String(sceneGraph.lookupVariable(VAR_SPLIT, scene)?.getValue() ?? '');
  const fields = fieldsFor(preset);
  const show = (name: string, visible: boolean) => {
    const v = sceneGraph.lookupVariable(name, scene);
    const hide = visible ? VariableHide.dontHide : VariableHide.hideVariable;
    if (v instanceof TextBoxVariable && v.state.hide !== hide) {
      v.setState({ hide });
    }
  };
  show(VAR_SPLIT_LABEL, fields.label);
  show(VAR_CANARY_VALUES, fields.values);
  show(VAR_BASELINE_VALUES, fields.values);
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

/**
 * The current selection, read from the variables (text values are raw: src/queries escapes them).
 * An unknown split (a stale or hand-edited URL) falls back to the convention's default split, not
 * to Istio's labels, which other conventions do not carry.
 */
export function readSelection(scene: SceneObject, c: MetricConvention): CanarySelection {
  const text = (name: string) => {
    const v = sceneGraph.lookupVariable(name, scene)?.getValue();
    return Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '');
  };
  const preset = text(VAR_SPLIT);
  return {
    service: text(VAR_SERVICE),
    preset: isSplitPreset(preset) ? preset : defaultSplit(c).preset,
    label: text(VAR_SPLIT_LABEL),
    canaryValues: splitList(text(VAR_CANARY_VALUES)),
    baselineValues: splitList(text(VAR_BASELINE_VALUES)),
  };
}
