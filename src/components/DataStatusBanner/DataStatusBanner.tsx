import { css } from '@emotion/css';
import { FieldType, type GrafanaTheme2, type PanelData } from '@grafana/data';
import {
  type SceneComponentProps,
  type SceneFlexItemPlacement,
  type SceneObjectState,
  SceneQueryRunner,
} from '@grafana/scenes';
import { Alert, LinkButton, useStyles2 } from '@grafana/ui';
import React from 'react';

import { PROMETHEUS_DS_REF } from '../../constants';
import { type MetricConvention, PRESET_LABELS } from '../../queries/conventions';
import { requestSeriesCount } from '../../queries/overview';
import { CONFIG_PAGE_URL } from '../../utils/routing';
import { QueryViewScene, queryPhase } from '../QueryViewScene';
import { testIds } from '../testIds';

/**
 * The placement fields let the banner sit directly in a column `SceneFlexLayout` (no wrapping
 * `SceneFlexItem`): a flex item without a height grows to fill spare page height, which left an
 * empty gap under the controls whenever there was nothing to say.
 */
export interface DataStatusBannerState extends SceneObjectState, SceneFlexItemPlacement {
  convention: MetricConvention;
  /** Whether the app configuration names a Prometheus data source. */
  datasourceConfigured: boolean;
  status: DataStatus;
}

/**
 * Explains an empty page before the user has to guess: no data source configured, the data source
 * failing, or no request series for the chosen convention (wrong preset or metric names). When there
 * is nothing to explain it renders nothing at all, so it takes no space in the page layout.
 */
export class DataStatusBanner extends QueryViewScene<DataStatusBannerState> {
  static Component = DataStatusBannerRenderer;

  constructor(
    state: Omit<DataStatusBannerState, '$data' | 'status'> & Partial<Pick<DataStatusBannerState, '$data' | 'status'>>
  ) {
    super({
      status: { kind: 'loading' },
      $data:
        state.$data ??
        new SceneQueryRunner({
          datasource: PROMETHEUS_DS_REF,
          queries: [{ refId: 'presence', expr: requestSeriesCount(state.convention), instant: true, range: false }],
        }),
      ...state,
    });
  }

  onData(data: PanelData | undefined): void {
    this.setState({ status: classifyPresence(data) });
  }
}

export type DataStatus =
  { kind: 'loading' } | { kind: 'ok' } | { kind: 'error'; message: string } | { kind: 'no-series' };

/** The presence query's result → what the banner says; pure, kept out of the component for tests. */
export function classifyPresence(data: PanelData | undefined): DataStatus {
  const phase = queryPhase(data, 'The data source returned an error.');
  if (phase.kind !== 'ready') {
    return phase.kind === 'error' ? { kind: 'error', message: phase.message } : phase;
  }
  // The count query returns 0 rather than nothing when no series match.
  const present = phase.data.series.some((frame) =>
    frame.fields.some((f) => f.type === FieldType.number && f.values.some((v) => Number(v) > 0))
  );
  return present ? { kind: 'ok' } : { kind: 'no-series' };
}

/** Whether the banner has anything to say; otherwise it renders nothing. */
export function bannerHasMessage(status: DataStatus, datasourceConfigured: boolean): boolean {
  return !datasourceConfigured || status.kind === 'error' || status.kind === 'no-series';
}

function DataStatusBannerRenderer({ model }: SceneComponentProps<DataStatusBanner>) {
  const styles = useStyles2(getStyles);
  const { convention, datasourceConfigured, status } = model.useState();
  if (!bannerHasMessage(status, datasourceConfigured)) {
    return null;
  }
  const configure = (
    <LinkButton href={CONFIG_PAGE_URL} size="sm" variant="secondary" icon="cog">
      Open app configuration
    </LinkButton>
  );

  return (
    <div className={styles.wrapper} data-testid={testIds.dataStatus.container}>
      {!datasourceConfigured && (
        <Alert
          severity="info"
          title="No Prometheus data source configured"
          data-testid={testIds.dataStatus.noDatasource}
        >
          <p>
            The pages use the data source picked in the variable above (the first Prometheus data source until you
            choose one in the app configuration).
          </p>
          {configure}
        </Alert>
      )}
      {status.kind === 'error' && (
        <Alert severity="error" title="The Prometheus data source failed" data-testid={testIds.dataStatus.error}>
          <p>{status.message}</p>
          <p>Check that the data source is reachable (Connections → Data sources → Test), or pick another one above.</p>
        </Alert>
      )}
      {status.kind === 'no-series' && (
        <Alert
          severity="warning"
          title={`No ${convention.requestsMetric} series found`}
          data-testid={testIds.dataStatus.noSeries}
        >
          <p>
            The app reads request metrics with the {PRESET_LABELS[convention.preset].label} convention (
            <code>{convention.requestsMetric}</code>, service label <code>{convention.serviceLabel}</code>). If your
            services are instrumented differently, choose another preset or override the metric and label names.
          </p>
          {configure}
        </Alert>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    // Sized by its alerts: never stretched into spare height, never squeezed by the panels below.
    flex: '0 0 auto',
  }),
});
