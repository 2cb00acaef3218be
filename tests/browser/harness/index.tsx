// The browser harness page: the real panel component with real React, @grafana/ui and
// @grafana/data, fed Prometheus frames from the fixture (or synthetic bench frames). It exposes what
// was drawn on `window.__harness` for the Playwright test and the benchmark.
import {
  type DataFrame,
  type DataQueryRequest,
  EventBusSrv,
  LoadingState,
  type PanelData,
  ThemeContext,
  createTheme,
  dateTime,
} from '@grafana/data';
import React, { useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type uPlot from 'uplot';

import { ROLE_SUFFIX } from '../../../src/panels/forecast/chartFrame';
import { ForecastPanel } from '../../../src/panels/forecast/components/ForecastPanel';
import { testIds } from '../../../src/panels/forecast/testIds';
import type { ForecastPanelOptions } from '../../../src/panels/forecast/types';

import { type HarnessState, type SeriesSummary, installLongTaskObserver } from './instrument';
import { type Scenario, scenario } from './scenarios';

declare global {
  interface Window {
    __harness: HarnessState & { prepare: (name: string) => void; show: (name: string) => void };
  }
}

const params = new URLSearchParams(window.location.search);
const theme = createTheme({ colors: { mode: params.get('theme') === 'dark' ? 'dark' : 'light' } });
const benchMode = params.has('bench');
const WIDTH = Number(params.get('width') ?? 1100);
const HEIGHT = Number(params.get('height') ?? 480);

document.body.style.margin = '0';
document.body.style.background = theme.colors.background.canvas;
document.body.style.color = theme.colors.text.primary;
document.body.style.fontFamily = theme.typography.fontFamily;

const state: HarnessState = { draws: 0, longTasks: [], bandsDrawn: 0, series: [], requests: 0, drawLog: [] };
installLongTaskObserver(state);

const bandSuffix = ` · ${ROLE_SUFFIX.upper}`;

function onDraw(u: uPlot, frame: DataFrame) {
  const panel = document.querySelector(`[data-testid="${testIds.panel}"]`);
  // The panel takes new data in at transition priority: until it shows this request, a draw is of
  // the previous data and counts for nothing.
  if (panel?.getAttribute('data-request') !== `req-${state.requests}` && state.requests > 0) {
    return;
  }
  const label = (i: number) => frame.fields[i]?.config.displayNameFromDS ?? frame.fields[i]?.name ?? '';
  const now = performance.now();
  state.draws++;
  state.lastDrawAt = now;
  let bands = 0;
  for (let i = 1; i < u.series.length; i++) {
    if (label(i).endsWith(bandSuffix) && firstNonNull(u.data[i]) >= 0) {
      bands++;
    }
  }
  if (bands > 0 && state.firstBandAt === undefined) {
    state.firstBandAt = now;
  }
  state.bandsDrawn = bands;
  const finished = panel?.getAttribute('data-running') === 'false';
  if (finished && state.allDrawnAt === undefined && bands >= Number(panel?.getAttribute('data-modelled') ?? 0)) {
    state.allDrawnAt = now;
  }
  if (!benchMode) {
    state.series = u.series.slice(1).map((s, k): SeriesSummary => ({
      label: label(k + 1),
      show: s.show !== false,
      points: countNonNull(u.data[k + 1]),
      pointsOnly: frame.fields[k + 1]?.config.custom?.drawStyle === 'points' && s.points?.show !== false,
    }));
    state.xMax = u.scales.x?.max ?? undefined;
    // uPlot keeps its bands on the instance at runtime; its typings only declare them on Options.
    const fills = (u as uPlot & { bands?: uPlot.Band[] }).bands ?? [];
    state.plotBands = fills.map((b) => [label(b.series[0]), label(b.series[1])]);
    state.drawLog.push({ bands, historyPoints: state.series[0]?.points ?? 0 });
    state.plot = u;
  }
}

function firstNonNull(values: ArrayLike<unknown>): number {
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null && values[i] !== undefined) {
      return i;
    }
  }
  return -1;
}

function countNonNull(values: ArrayLike<unknown>): number {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null && values[i] !== undefined) {
      n++;
    }
  }
  return n;
}

function panelData(s: Scenario, requestId: string): PanelData {
  const from = dateTime(s.fromMs);
  const to = dateTime(s.toMs);
  return {
    state: s.errors?.length ? LoadingState.Error : LoadingState.Done,
    series: s.frames,
    errors: s.errors,
    timeRange: { from, to, raw: { from, to } },
    request: { requestId } as DataQueryRequest,
  };
}

const eventBus = new EventBusSrv();
/** Bench data is generated ahead (`prepare`) so its cost is not counted as the panel's. */
const prepared = new Map<string, Scenario>();

interface Shown {
  data: PanelData;
  options: ForecastPanelOptions;
}

/** The mounted Harness registers here; `show` (called by the test through window) feeds it. */
let display: ((next: Shown) => void) | undefined;

window.__harness = Object.assign(state, {
  prepare: (name: string) => {
    prepared.set(name, scenario(name));
  },
  show: (name: string) => {
    const s = prepared.get(name) ?? scenario(name);
    state.requests++;
    state.firstBandAt = undefined;
    state.bandsDrawn = 0;
    state.drawLog = [];
    state.allDrawnAt = undefined;
    state.dataAt = performance.now();
    display?.({ data: panelData(s, `req-${state.requests}`), options: s.options });
  },
});

function Harness() {
  const [current, setCurrent] = useState<Shown>(() => {
    const s = scenario(params.get('scenario') ?? 'empty');
    return { data: panelData(s, 'initial'), options: s.options };
  });
  useEffect(() => {
    display = setCurrent;
    return () => {
      display = undefined;
    };
  }, []);
  const noop = useCallback(() => {}, []);
  return (
    <ThemeContext.Provider value={theme}>
      <div id="panel" style={{ width: WIDTH, height: HEIGHT, padding: 8, background: theme.colors.background.primary }}>
        <ForecastPanel
          id={1}
          data={current.data}
          timeRange={current.data.timeRange}
          timeZone="utc"
          options={current.options}
          fieldConfig={{ defaults: {}, overrides: [] }}
          transparent={false}
          width={WIDTH}
          height={HEIGHT}
          renderCounter={0}
          title="Forecast"
          eventBus={eventBus}
          onOptionsChange={noop}
          onFieldConfigChange={noop}
          replaceVariables={(v: string) => v}
          onChangeTimeRange={noop}
          onDraw={onDraw}
        />
      </div>
    </ThemeContext.Provider>
  );
}

const portal = document.createElement('div');
portal.id = 'grafana-portal-container';
document.body.appendChild(portal);
createRoot(document.getElementById('root')!).render(<Harness />);
