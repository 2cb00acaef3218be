import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObject,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { Tab, TabsBar, useStyles2 } from '@grafana/ui';
import React from 'react';

import { testIds } from '../../components/testIds';
import { URL_KEYS } from '../../utils/routing';

import {
  DEFAULT_SERVICE_TAB,
  SERVICE_TABS,
  type ServiceContext,
  type ServiceTabValue,
  isServiceTabValue,
} from './serviceTabs';

export interface ServiceTabsSceneState extends SceneObjectState {
  /** In state, not a field: `clone()` copies state only, and a clone must still build its tabs. */
  context: ServiceContext;
  activeTab: ServiceTabValue;
  body: SceneObject;
}

/** Tab bar plus the active tab's scene; the active tab is synced to the URL (`?tab=`). */
export class ServiceTabsScene extends SceneObjectBase<ServiceTabsSceneState> {
  static Component = ServiceTabsRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: [URL_KEYS.serviceTab] });

  constructor(state: Pick<ServiceTabsSceneState, 'context'> & Partial<ServiceTabsSceneState>) {
    const activeTab = state.activeTab ?? DEFAULT_SERVICE_TAB;
    super({ ...state, activeTab, body: state.body ?? buildTab(activeTab, state.context) });
  }

  getUrlState(): SceneObjectUrlValues {
    return { [URL_KEYS.serviceTab]: this.state.activeTab };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const tab = values[URL_KEYS.serviceTab];
    if (isServiceTabValue(tab) && tab !== this.state.activeTab) {
      this.setActiveTab(tab);
    }
  }

  setActiveTab(value: ServiceTabValue): void {
    if (value !== this.state.activeTab) {
      this.setState({ activeTab: value, body: buildTab(value, this.state.context) });
    }
  }
}

function buildTab(value: ServiceTabValue, context: ServiceContext): SceneObject {
  const tab = SERVICE_TABS.find((t) => t.value === value) ?? SERVICE_TABS[0];
  return tab.getScene(context);
}

function ServiceTabsRenderer({ model }: SceneComponentProps<ServiceTabsScene>) {
  const styles = useStyles2(getStyles);
  const { activeTab, body } = model.useState();
  return (
    <div className={styles.container}>
      <TabsBar>
        {SERVICE_TABS.map((tab) => (
          <Tab
            key={tab.value}
            label={tab.displayName}
            active={tab.value === activeTab}
            onChangeTab={() => model.setActiveTab(tab.value)}
            data-testid={testIds.service.tab(tab.value)}
          />
        ))}
      </TabsBar>
      <div className={styles.body}>
        <body.Component model={body} />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ display: 'flex', flexDirection: 'column', flexGrow: 1 }),
  body: css({ paddingTop: theme.spacing(2), flexGrow: 1 }),
});
