import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

/** What Grafana's PanelDataErrorView shows for a panel without data (the text the spec looks for). */
export function NoData({ message = 'No data' }: { message?: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid="screens-no-data">
      {message}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    height: '100%',
    color: theme.colors.text.secondary,
  }),
});
