import { fireEvent, render, screen } from '@testing-library/react';
import React, { Suspense, lazy, useState } from 'react';

import { testIds } from '../../testIds';
import { AppErrorBoundary, isLoadError } from '../AppErrorBoundary';

function chunkError(): Error {
  const error = new Error('Loading chunk 123 failed.\n(error: https://grafana/public/plugins/x/123.js)');
  error.name = 'ChunkLoadError';
  return error;
}

/** The module.tsx pattern: a lazy page made once per mount, remounted by the boundary's attempt key. */
function LazyPage({ load }: { load: () => Promise<{ default: React.ComponentType }> }) {
  const [Page] = useState(() => lazy(load));
  return (
    <Suspense fallback="loading">
      <Page />
    </Suspense>
  );
}

describe('AppErrorBoundary', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('a failed chunk load shows what happened and Retry loads the chunk again', async () => {
    let calls = 0;
    const load = () => {
      calls++;
      return calls === 1 ? Promise.reject(chunkError()) : Promise.resolve({ default: () => <p>System Overview</p> });
    };
    render(<AppErrorBoundary>{(attempt) => <LazyPage key={attempt} load={load} />}</AppErrorBoundary>);
    const alert = await screen.findByTestId(testIds.app.error);
    expect(alert.textContent).toContain('could not be loaded');
    expect(alert.textContent).toContain('Loading chunk 123 failed');
    fireEvent.click(screen.getByTestId(testIds.app.retry));
    expect(await screen.findByText('System Overview')).toBeTruthy();
    expect(screen.queryByTestId(testIds.app.error)).toBeNull();
    expect(calls).toBe(2);
  });

  test('a page that throws while rendering gets a Retry too, and a hostile message stays text', () => {
    let broken = true;
    function Page() {
      if (broken) {
        throw new Error('<img src=x onerror=alert(1)>');
      }
      return <p>fine</p>;
    }
    render(<AppErrorBoundary>{() => <Page />}</AppErrorBoundary>);
    expect(screen.getByTestId(testIds.app.error).textContent).toContain('This page failed');
    expect(document.querySelector('img')).toBeNull();
    broken = false;
    fireEvent.click(screen.getByTestId(testIds.app.retry));
    expect(screen.getByText('fine')).toBeTruthy();
  });
});

test.each<[string, Error, boolean]>([
  ['webpack ChunkLoadError', chunkError(), true],
  ['a failed dynamic import', new TypeError('Failed to fetch dynamically imported module: /x.js'), true],
  ['a WASM compile error', new WebAssembly.CompileError('WebAssembly.instantiate(): expected magic word'), true],
  ['a wasm fetch failure', new Error('failed to fetch mstl_bg.wasm'), true],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'state')"), false],
])('isLoadError: %s -> %s', (_name, error, expected) => {
  expect(isLoadError(error)).toBe(expected);
});
