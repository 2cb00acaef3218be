import { type PanelData } from '@grafana/data';
import { type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { QueryViewScene, pendingView, queryPhase } from '../../components/QueryViewScene';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';
import { appliedItems, reviewItems, reviewStatus } from '../../queries/elasticsearch/satellites';

import { AppliedEffects } from './AppliedEffects';
import {
  readReviewRows,
  readStatusCounts,
  reviewQuarters,
  summarizeReview,
  type ReviewQuarters,
  type ReviewSummary,
} from './reviewData';
import { selectionRunner, sinceLastQuarter } from './satelliteQueries';
import { getSatelliteStyles } from './satelliteStyles';

export type ReviewView =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'done'; summary: ReviewSummary };

export interface SatelliteReviewState extends SceneObjectState {
  quarters: ReviewQuarters;
  view: ReviewView;
  /** Last quarter's applied changes and their effect (its queries follow the changes found). */
  effects: AppliedEffects;
}

/** Open items shown before "and N more": the rest is one `review list` away. */
const MAX_OPEN_ROWS = 12;

/**
 * The quarterly review, read-only: this quarter's queue by status, last quarter's applied changes,
 * and what a reviewer runs to move an item. Its own time range starts at last quarter's first day,
 * whatever the page's range, because a review is by quarter.
 */
export class SatelliteReview extends QueryViewScene<SatelliteReviewState> {
  static Component = SatelliteReviewRenderer;

  constructor(state: Partial<SatelliteReviewState>) {
    const quarters = state.quarters ?? reviewQuarters(new Date());
    super({
      $timeRange: sinceLastQuarter(quarters),
      $data: selectionRunner((f) => [
        reviewItems(f, [quarters.current]),
        appliedItems(f, quarters.previous),
        // The counts per status: the items above are the newest MAX_REVIEW_ITEMS only.
        reviewStatus(f, [quarters.current]),
      ]),
      view: { kind: 'loading' },
      effects: new AppliedEffects({}),
      ...state,
      quarters,
    });
  }

  onData(data: PanelData | undefined): void {
    const phase = queryPhase(data, 'Unknown error');
    if (phase.kind !== 'ready') {
      this.setState({ view: pendingView(phase) });
      return;
    }
    const rows = ['reviewItems', 'appliedItems'].flatMap((refId) =>
      readReviewRows(phase.data.series.find((f) => f.refId === refId))
    );
    const counts = readStatusCounts(
      phase.data.series.find((f) => f.refId === 'reviewStatus'),
      this.state.quarters.current
    );
    const summary = summarizeReview(rows, this.state.quarters, counts);
    this.state.effects.show(summary.appliedLastQuarter);
    this.setState({ view: { kind: 'done', summary } });
  }
}

function SatelliteReviewRenderer({ model }: SceneComponentProps<SatelliteReview>) {
  const styles = useStyles2(getSatelliteStyles);
  const { view, quarters, effects } = model.useState();
  if (view.kind === 'loading') {
    return <LoadingView text="Loading the quarterly review…" />;
  }
  if (view.kind === 'error') {
    return <ErrorView title="Review query failed" message={`${view.message}.`} />;
  }
  const { counts, open, openTotal } = view.summary;
  return (
    <div className={styles.grid}>
      <section data-testid={testIds.satellites.reviewQueue}>
        <h4>Review queue {quarters.current}</h4>
        <p>{counts.map((c) => `${c.status} ${c.count}`).join(' · ')}</p>
        {open.length === 0 ? (
          <p className={styles.empty}>No open items this quarter: all feedback is decided, or none came in yet.</p>
        ) : (
          <table className={styles.table}>
            <thead>
              <tr>
                <th>Procedure</th>
                <th>Status</th>
                <th>Clarity</th>
                <th>Reviewer: note, or the agent&apos;s comment</th>
              </tr>
            </thead>
            <tbody>
              {open.slice(0, MAX_OPEN_ROWS).map((r) => (
                <tr key={r.id}>
                  <td>{r.procedure}</td>
                  <td>{r.status}</td>
                  <td>{r.clarity ?? '–'}</td>
                  <td>{r.reviewer ? `${r.reviewer}: ${r.note ?? ''}` : (r.comment ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {openTotal > Math.min(open.length, MAX_OPEN_ROWS) && (
          <p className={styles.empty}>
            and {openTotal - Math.min(open.length, MAX_OPEN_ROWS)} more: codesentinel-telemetry review list --quarter{' '}
            {quarters.current}
          </p>
        )}
      </section>
      <section data-testid={testIds.satellites.reviewApplied}>
        <h4>Applied in {quarters.previous}</h4>
        <effects.Component model={effects} />
        <h4>Reviewer actions</h4>
        <p className={styles.empty}>
          This page only reads. Reviewers move an item with the telemetry command, which refuses to overwrite a decision
          someone made first:
        </p>
        <pre className={styles.pre}>
          {[
            `codesentinel-telemetry review list --quarter ${quarters.current}`,
            'codesentinel-telemetry review set <id> --status triaged|accepted|rejected --reviewer <name> --note <why>',
            'codesentinel-telemetry review set <id> --status applied --content-sha <new text sha> --reviewer <name>',
            `codesentinel-telemetry review report --quarter ${quarters.current}`,
          ].join('\n')}
        </pre>
        <p className={styles.empty}>
          The report lists the same before/after figures for every applied change, with clarity and a table per
          procedure.
        </p>
      </section>
    </div>
  );
}
