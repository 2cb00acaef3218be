import { type AppRootProps } from '@grafana/data';
import React, { useContext, useMemo } from 'react';

import type { AppJsonData } from '../queries/settings';

import { type AppSettings, resolveAppSettings } from './appSettings';

// The root plugin props, readable anywhere inside the app.
export const PluginPropsContext = React.createContext<AppRootProps<AppJsonData> | null>(null);

export const usePluginProps = () => useContext(PluginPropsContext);

export const usePluginMeta = () => usePluginProps()?.meta;

/** The app settings (convention, SLOs, data sources) resolved from the plugin's jsonData. */
export function useAppSettings(): AppSettings {
  const jsonData = usePluginMeta()?.jsonData;
  return useMemo(() => resolveAppSettings(jsonData), [jsonData]);
}
