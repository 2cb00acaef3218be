import { css } from '@emotion/css';
import { dateTimeFormat, type GrafanaTheme2 } from '@grafana/data';
import { Badge, TextLink, useStyles2 } from '@grafana/ui';
import React from 'react';

import type { DeployRunRecord } from '../../analytics';
import { testIds } from '../../components/testIds';
import { DEPLOY_MARKER_COLORS } from '../shared/deployMarkers';
import { STATUS_TEXT, safeRunUrl } from '../shared/deployRuns';

import { formatSeconds } from './doraText';

/** Newest runs first. Versions, commits and links are what CI sent: text only, links only when http(s). */
export function LatestRuns({ runs, limit = 12 }: { runs: readonly DeployRunRecord[]; limit?: number }) {
  const styles = useStyles2(getStyles);
  const latest = [...runs].sort((a, b) => b.finishedAt - a.finishedAt).slice(0, limit);
  return (
    <table className={styles.table} data-testid={testIds.deployments.latestRuns}>
      <caption className={styles.caption}>
        Latest runs ({latest.length} of {runs.length} in the range)
      </caption>
      <thead>
        <tr>
          <th>Finished</th>
          <th>Service</th>
          <th>Environment</th>
          <th>Version</th>
          <th>Outcome</th>
          <th>Duration</th>
          <th>Lead time</th>
          <th>CI run</th>
        </tr>
      </thead>
      <tbody>
        {latest.map((r) => {
          const href = safeRunUrl(r.url);
          return (
            <tr key={`${r.service}/${r.environment}/${r.runId}`}>
              <td>{dateTimeFormat(r.finishedAt * 1000)}</td>
              <td>{r.service}</td>
              <td>{r.environment}</td>
              <td>{r.version ?? '–'}</td>
              <td>
                <Badge text={STATUS_TEXT[r.status]} color={DEPLOY_MARKER_COLORS[r.status]} />
              </td>
              <td>{r.durationSeconds !== undefined ? formatSeconds(r.durationSeconds) : '–'}</td>
              <td>{r.leadTimeSeconds !== undefined ? formatSeconds(r.leadTimeSeconds) : '–'}</td>
              <td>
                {href ? (
                  <TextLink href={href} external>
                    {`run ${r.runId}`}
                  </TextLink>
                ) : (
                  `run ${r.runId}`
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  caption: css({
    captionSide: 'top',
    textAlign: 'left',
    padding: theme.spacing(1, 0),
    fontWeight: theme.typography.fontWeightMedium,
  }),
});
