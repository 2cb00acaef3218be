export interface SeriesSummary {
  label: string;
  show: boolean;
  /** Non-null values uPlot holds for this series. */
  points: number;
  /** Drawn as markers only (the anomaly series). */
  pointsOnly: boolean;
}

import type uPlot from 'uplot';

export interface HarnessState {
  draws: number;
  requests: number;
  dataAt?: number;
  firstBandAt?: number;
  lastDrawAt?: number;
  /** First draw after the engine finished that shows a band for every series it could model. */
  allDrawnAt?: number;
  /** Band series that hold data in the latest draw. */
  bandsDrawn: number;
  series: SeriesSummary[];
  xMax?: number;
  /** uPlot's fill-between bands, as [upper, lower] field names. */
  plotBands?: Array<[string, string]>;
  /** One entry per draw since the last `show`: did raw data come before bands? */
  drawLog: Array<{ bands: number; historyPoints: number }>;
  plot?: uPlot;
  longTasks: Array<{ start: number; duration: number }>;
}

/** The Long Tasks API reports every main-thread task over 50 ms. */
export function installLongTaskObserver(state: HarnessState) {
  if (typeof PerformanceObserver === 'undefined' || !PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
    return;
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
}
