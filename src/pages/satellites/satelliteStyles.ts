// The look the Satellite Health page's own views share (insights and review): a two-column grid and
// plain bordered tables in the theme's colours.
import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';

export const getSatelliteStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: theme.spacing(2),
    padding: theme.spacing(1),
  }),
  wide: css({ gridColumn: '1 / -1' }),
  padded: css({ padding: theme.spacing(1) }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    small: { color: theme.colors.text.secondary },
  }),
  empty: css({ color: theme.colors.text.secondary }),
  effect: css({ color: theme.colors.text.primary, borderBottom: `1px dotted ${theme.colors.text.secondary}` }),
  chart: css({ height: 280, marginTop: theme.spacing(1) }),
  pre: css({ whiteSpace: 'pre-wrap', fontSize: theme.typography.bodySmall.fontSize }),
});
