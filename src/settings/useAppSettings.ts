import { useMemo } from 'react';

import type { AppJsonData } from './jsonData';
import { type AppSettings, resolveAppSettings } from './resolve';

/**
 * The app settings resolved from the plugin's jsonData, recomputed only when jsonData changes (a
 * save reloads the page, so in practice once). Scenes get the result at build time, not from context.
 */
export function useAppSettings(jsonData: AppJsonData | null | undefined): AppSettings {
  return useMemo(() => resolveAppSettings(jsonData), [jsonData]);
}
