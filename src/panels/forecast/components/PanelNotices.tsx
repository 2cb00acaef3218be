import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';
import React from 'react';

import type { PanelNotice } from '../states';
import { testIds } from '../testIds';

export const NOTICE_LINE_HEIGHT = 24;

const ICONS = { error: 'exclamation-circle', warning: 'exclamation-triangle', info: 'info-circle' } as const;

/** One line per notice; the full detail (query errors, per-series reasons) is in its tooltip. */
export function PanelNotices({ notices, testId = testIds.notice }: { notices: PanelNotice[]; testId?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <>
      {notices.map((notice) => (
        <div key={notice.title} className={styles.line} data-testid={testId} role="status">
          <Icon name={ICONS[notice.severity]} className={styles[notice.severity]} />
          {notice.detail ? (
            <Tooltip content={<div className={styles.detail}>{notice.detail}</div>}>
              <span className={styles.title}>{notice.title}</span>
            </Tooltip>
          ) : (
            <span className={styles.title}>{notice.title}</span>
          )}
        </div>
      ))}
    </>
  );
}

/** Replaces the chart when there is nothing to draw: what happened, then what to do. */
export function BlockingNotice({ notice, height }: { notice: PanelNotice; height: number }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.blocking} style={{ height }} data-testid={testIds.blockingState} role="status">
      <Icon name={ICONS[notice.severity]} size="xl" className={styles[notice.severity]} />
      <div className={styles.blockingTitle}>{notice.title}</div>
      {notice.detail && <div className={styles.detail}>{notice.detail}</div>}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  line: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    height: NOTICE_LINE_HEIGHT,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  title: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'help',
  }),
  detail: css({
    whiteSpace: 'pre-wrap',
    color: theme.colors.text.secondary,
  }),
  blocking: css({
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: theme.spacing(1),
    textAlign: 'center',
    padding: theme.spacing(2),
  }),
  blockingTitle: css({
    ...theme.typography.h5,
  }),
  error: css({ color: theme.colors.error.text, flexShrink: 0 }),
  warning: css({ color: theme.colors.warning.text, flexShrink: 0 }),
  info: css({ color: theme.colors.info.text, flexShrink: 0 }),
});
