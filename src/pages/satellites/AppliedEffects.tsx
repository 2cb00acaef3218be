import { type PanelData } from '@grafana/data';
import { type SceneComponentProps, type SceneDataQuery, type SceneObjectState } from '@grafana/scenes';
import { Tooltip, useStyles2 } from '@grafana/ui';
import React from 'react';

import {
  describeAppliedEffect,
  DEFAULT_WILSON_CONFIDENCE,
  formatPercent,
  type AppliedEffect,
  type groupAppliedItems,
} from '../../analytics';
import { QueryViewScene, pendingView, queryPhase } from '../../components/QueryViewScene';
import { ErrorView } from '../../components/states/ErrorView';
import { testIds } from '../../components/testIds';
import { appliedEffectQueries, taskQueries, type SatelliteFilter } from '../../queries/elasticsearch/satellites';

import { SelectionQueries, selectionRunner } from './satelliteQueries';
import { getSatelliteStyles } from './satelliteStyles';
import { readAppliedEffects, readTasksOf } from './taskData';

type Change = ReturnType<typeof groupAppliedItems>[number];

export type EffectsView =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; effects: AppliedEffect[] };

export interface AppliedEffectsState extends SceneObjectState {
  changes: Change[];
  view: EffectsView;
}

export const EFFECT_TOOLTIP =
  'Before: every run of the procedure under an earlier text; after: every run under the new text (told apart by ' +
  `content hash, since the start of last quarter). Failure rates carry their ${formatPercent(DEFAULT_WILSON_CONFIDENCE)} ` +
  'Wilson interval; "fails less" or "fails more" only when the two intervals do not overlap. Median task: the tasks ' +
  'that used the procedure, before and after the first run of the new text. The review report computes the same figures.';

/** The tasks and, per change, its before/after tables (none without a change). */
export function effectQueries(changes: readonly Change[], filter: SatelliteFilter): SceneDataQuery[] {
  if (changes.length === 0) {
    return [];
  }
  return [
    ...taskQueries(filter),
    ...changes.flatMap((c, i) => appliedEffectQueries(i, c.procedure, c.appliedContentSha)),
  ];
}

/**
 * Last quarter's applied changes with their effect, beside the review queue. Its queries depend on
 * which changes the review found, so the review hands them over (`show`); the runner's selection
 * behaviour builds them for the selected satellite and runs them.
 */
export class AppliedEffects extends QueryViewScene<AppliedEffectsState> {
  static Component = AppliedEffectsRenderer;

  constructor(state: Partial<AppliedEffectsState>) {
    super({
      $data: selectionRunner(() => []),
      changes: [],
      view: { kind: 'done', effects: [] },
      ...state,
    });
  }

  /** The review found these changes: query their before/after figures (nothing when there is none). */
  show(changes: Change[]): void {
    this.setState({ changes, ...(changes.length === 0 ? { view: { kind: 'done', effects: [] } } : {}) });
    const behaviour = this.state.$data?.state.$behaviors?.find((b) => b instanceof SelectionQueries);
    if (behaviour instanceof SelectionQueries) {
      behaviour.setState({ build: (f) => effectQueries(changes, f) });
      behaviour.apply();
    }
  }

  onData(data: PanelData | undefined): void {
    if (this.state.changes.length === 0) {
      return;
    }
    const phase = queryPhase(data, 'Unknown error');
    if (phase.kind !== 'ready') {
      this.setState({ view: pendingView(phase) });
      return;
    }
    const series = phase.data.series;
    const tasks = readTasksOf(series);
    this.setState({ view: { kind: 'done', effects: readAppliedEffects(series, this.state.changes, tasks) } });
  }
}

function ChangeLine({ change }: { change: Change }) {
  return (
    <>
      <strong>{change.procedure}</strong>: new text {change.appliedContentSha.slice(0, 12)}, answering{' '}
      {change.items.length} feedback item(s)
      {change.reviewers.length ? ` (${change.reviewers.join(', ')}: ${change.notes.join('; ')})` : ''}
    </>
  );
}

function AppliedEffectsRenderer({ model }: SceneComponentProps<AppliedEffects>) {
  const styles = useStyles2(getSatelliteStyles);
  const { changes, view } = model.useState();
  if (changes.length === 0) {
    return <p className={styles.empty}>No change was applied last quarter.</p>;
  }
  const effects =
    view.kind === 'done' ? new Map(view.effects.map((e) => [e.procedure + e.appliedContentSha, e])) : null;
  return (
    <>
      {view.kind === 'error' && (
        <ErrorView title="Effect query failed" message={`${view.message}.`}>
          The changes are listed without their effect; `codesentinel-telemetry review report` computes it too.
        </ErrorView>
      )}
      <ul data-testid={testIds.satellites.reviewEffects}>
        {changes.map((c) => {
          const effect = effects?.get(c.procedure + c.appliedContentSha);
          return (
            <li key={`${c.procedure} ${c.appliedContentSha}`}>
              <ChangeLine change={c} />
              <br />
              {view.kind === 'loading' ? (
                <span className={styles.empty}>Measuring the effect…</span>
              ) : effect ? (
                <Tooltip content={EFFECT_TOOLTIP}>
                  <span className={styles.effect}>{describeAppliedEffect(effect)}</span>
                </Tooltip>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
