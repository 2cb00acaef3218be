import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { Alert, Button, ErrorBoundary, useStyles2 } from '@grafana/ui';
import React, { type ReactNode, useState } from 'react';

import { testIds } from '../testIds';

/**
 * A chunk that failed to download (a new deploy replaced it, the network dropped) or a WebAssembly
 * module that failed to compile: worth a retry, unlike a bug in the page.
 */
export function isLoadError(error: Error): boolean {
  return (
    error.name === 'ChunkLoadError' ||
    /Loading (CSS )?chunk .* failed/i.test(error.message) ||
    /Failed to fetch dynamically imported module/i.test(error.message) ||
    (typeof WebAssembly !== 'undefined' &&
      (error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError)) ||
    /WebAssembly|\.wasm\b/i.test(error.message)
  );
}

interface Props {
  /**
   * Renders the app for an attempt number. The number changes on Retry, so a lazy component can be
   * created anew: React.lazy caches a failed import and would throw the same error again.
   */
  children: (attempt: number) => ReactNode;
}

/**
 * Catches what a page throws while rendering, including a failed lazy load, and offers a Retry that
 * renders the app again (metrics-drilldown's AppErrorBoundary is the model).
 */
export function AppErrorBoundary({ children }: Props) {
  const [attempt, setAttempt] = useState(0);
  const styles = useStyles2(getStyles);
  return (
    <ErrorBoundary boundaryName="codesentinel-analytics-app" dependencies={[attempt]}>
      {({ error }) => {
        if (!error) {
          return children(attempt);
        }
        const loadFailed = isLoadError(error);
        return (
          <div className={styles.container}>
            <Alert
              severity="error"
              title={loadFailed ? 'Part of CodeSentinel Analytics could not be loaded' : 'This page failed'}
              data-testid={testIds.app.error}
            >
              <p>
                {loadFailed
                  ? 'A file of the app did not download, often after an upgrade or a network drop. Retry loads it again; if it keeps failing, reload the browser tab.'
                  : 'Something in the page broke. Retry renders it again; if it keeps failing, reload the browser tab or pick another page.'}
              </p>
              <p className={styles.detail}>{error.message}</p>
              <Button icon="sync" onClick={() => setAttempt((n) => n + 1)} data-testid={testIds.app.retry}>
                Retry
              </Button>
            </Alert>
          </div>
        );
      }}
    </ErrorBoundary>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({ padding: theme.spacing(2) }),
    detail: css({ color: theme.colors.text.secondary, fontFamily: theme.typography.fontFamilyMonospace }),
  };
}
