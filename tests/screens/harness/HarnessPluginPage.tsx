// Stand-in for Grafana's page chrome (the real one is set by Grafana at boot with setPluginPage):
// breadcrumb, title with icon, subtitle and the page body, styled with the theme like Grafana's Page.
import { css } from '@emotion/css';
import { type GrafanaTheme2, type IconName, type NavModelItem } from '@grafana/data';
import { type PluginPageProps } from '@grafana/runtime';
import { Icon, useStyles2 } from '@grafana/ui';
import React from 'react';

function trail(item?: NavModelItem): NavModelItem[] {
  return item ? [...trail(item.parentItem), item] : [];
}

export function HarnessPluginPage({ pageNav, subTitle, children, actions }: PluginPageProps) {
  const styles = useStyles2(getStyles);
  const crumbs = trail(pageNav);
  return (
    <div className={styles.page}>
      <nav className={styles.crumbs} aria-label="Breadcrumbs">
        {['Home', 'Apps', 'CodeSentinel Analytics', ...crumbs.map((c) => c.text)].join(' › ')}
      </nav>
      <header className={styles.header}>
        <h1 className={styles.title} data-testid="screens-page-title">
          {pageNav?.icon && <Icon name={pageNav.icon as IconName} size="xl" />}
          {pageNav?.text}
        </h1>
        {actions}
      </header>
      {(subTitle ?? pageNav?.subTitle) && <div className={styles.subTitle}>{subTitle ?? pageNav?.subTitle}</div>}
      <div className={styles.body}>{children}</div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    padding: theme.spacing(2, 3),
    background: theme.colors.background.canvas,
  }),
  crumbs: css({
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    marginBottom: theme.spacing(2),
  }),
  header: css({ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }),
  title: css({ ...theme.typography.h2, display: 'flex', gap: theme.spacing(1), alignItems: 'center', margin: 0 }),
  subTitle: css({ color: theme.colors.text.secondary, margin: theme.spacing(1, 0, 2) }),
  body: css({ flexGrow: 1, display: 'flex', flexDirection: 'column' }),
});
