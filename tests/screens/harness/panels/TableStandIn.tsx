// Stand-in for Grafana's core table panel: @grafana/ui's real Table on the first frame.
import { type PanelProps } from '@grafana/data';
import { Table } from '@grafana/ui';
import React from 'react';

import { NoData } from './NoData';

interface Options {
  sortBy?: Array<{ displayName: string; desc?: boolean }>;
}

export function TableStandIn({ data, width, height, options, fieldConfig }: PanelProps<Options>) {
  const frame = data.series[0];
  if (!frame || !frame.length) {
    return <NoData message={fieldConfig.defaults.noValue ?? 'No data'} />;
  }
  return <Table data={frame} width={width} height={height} initialSortBy={options.sortBy} />;
}
