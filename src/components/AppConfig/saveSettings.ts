import { type PluginMeta } from '@grafana/data';
import { getBackendSrv, locationService } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import type { AppJsonData } from '../../settings/jsonData';

/**
 * Saves the app's settings the way the create-plugin template does, keeping `enabled` and `pinned`.
 * The page reloads afterwards because Grafana offers no supported way to refresh a running app's meta.
 */
export async function saveAppSettings(
  pluginId: string,
  data: Pick<PluginMeta<AppJsonData>, 'enabled' | 'pinned' | 'jsonData'>
): Promise<void> {
  await lastValueFrom(
    getBackendSrv().fetch({
      url: `/api/plugins/${pluginId}/settings`,
      method: 'POST',
      data,
    })
  );
  locationService.reload();
}
