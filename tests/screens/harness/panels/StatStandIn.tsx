// Stand-ins for Grafana's core stat and bar gauge panels: @grafana/ui's real BigValue / BarGauge in a
// VizRepeater, fed by @grafana/data's getFieldDisplayValues exactly as the core panels do.
import {
  type FieldDisplay,
  type PanelProps,
  type ReduceDataOptions,
  VizOrientation,
  getFieldDisplayValues,
} from '@grafana/data';
import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  BigValueJustifyMode,
  BigValueTextMode,
} from '@grafana/schema';
import { BarGauge, BigValue, VizRepeater, useTheme2 } from '@grafana/ui';
import React from 'react';

import { NoData } from './NoData';

interface Options {
  reduceOptions?: ReduceDataOptions;
  graphMode?: BigValueGraphMode;
  colorMode?: BigValueColorMode;
  textMode?: BigValueTextMode;
  orientation?: VizOrientation;
  displayMode?: BarGaugeDisplayMode;
}

const DEFAULT_REDUCE: ReduceDataOptions = { calcs: ['lastNotNull'], values: false };

function useDisplayValues(props: PanelProps<Options>, sparkline: boolean): FieldDisplay[] {
  const theme = useTheme2();
  return getFieldDisplayValues({
    fieldConfig: props.fieldConfig,
    reduceOptions: props.options.reduceOptions ?? DEFAULT_REDUCE,
    replaceVariables: props.replaceVariables,
    theme,
    data: props.data.series,
    timeZone: props.timeZone,
    sparkline,
  });
}

export function StatStandIn(props: PanelProps<Options>) {
  const theme = useTheme2();
  const values = useDisplayValues(props, true);
  if (!props.data.series.length) {
    return <NoData message={props.fieldConfig.defaults.noValue ?? 'No data'} />;
  }
  return (
    <VizRepeater
      source={props.data}
      getValues={() => values}
      renderCounter={props.renderCounter}
      width={props.width}
      height={props.height}
      orientation={VizOrientation.Auto}
      renderValue={({ value, width, height }) => (
        <BigValue
          value={value.display}
          sparkline={value.sparkline}
          width={width}
          height={height}
          colorMode={props.options.colorMode ?? BigValueColorMode.Value}
          graphMode={props.options.graphMode ?? BigValueGraphMode.Area}
          justifyMode={BigValueJustifyMode.Auto}
          textMode={props.options.textMode ?? BigValueTextMode.Auto}
          theme={theme}
        />
      )}
    />
  );
}

export function BarGaugeStandIn(props: PanelProps<Options>) {
  const theme = useTheme2();
  const values = useDisplayValues(props, false);
  if (!props.data.series.length) {
    return <NoData message={props.fieldConfig.defaults.noValue ?? 'No data'} />;
  }
  const orientation =
    props.options.orientation === VizOrientation.Vertical ? VizOrientation.Vertical : VizOrientation.Horizontal;
  return (
    <VizRepeater
      source={props.data}
      getValues={() => values}
      renderCounter={props.renderCounter}
      width={props.width}
      height={props.height}
      orientation={orientation}
      itemSpacing={4}
      renderValue={({ value, width, height }) => (
        <BarGauge
          value={value.display}
          field={value.field}
          width={width}
          height={height}
          orientation={orientation}
          displayMode={props.options.displayMode ?? BarGaugeDisplayMode.Gradient}
          theme={theme}
          showUnfilled
        />
      )}
    />
  );
}
