import { css } from '@emotion/css';
import {
  DataSourceVariable,
  SceneObjectBase,
  type SceneComponentProps,
  type SceneFlexItemPlacement,
  type SceneObject,
  type SceneObjectState,
  sceneGraph,
} from '@grafana/scenes';
import { VariableHide } from '@grafana/schema';
import { Alert, LinkButton, useStyles2 } from '@grafana/ui';
import React from 'react';

import { VAR_ES } from '../../constants';
import { CONFIG_PAGE_URL } from '../../utils/routing';

export const ELASTICSEARCH_MISSING_TEST_ID = 'data-testid satellite-no-elasticsearch';

export interface ElasticsearchMissingState extends SceneObjectState, SceneFlexItemPlacement {
  /** True once the `es` variable has loaded and found no Elasticsearch data source. */
  missing: boolean;
}

/**
 * The one message the Satellite Health page shows when Grafana has no Elasticsearch data source:
 * without it every panel would fail on its own with an unresolved `${es}` reference. It sits directly
 * in the page's column layout and renders nothing while a data source exists.
 */
export class ElasticsearchMissing extends SceneObjectBase<ElasticsearchMissingState> {
  static Component = ElasticsearchMissingRenderer;

  constructor(state: Partial<ElasticsearchMissingState> = {}) {
    super({ missing: false, ...state });
  }
}

type EsVariableState = Pick<DataSourceVariable['state'], 'loading' | 'options' | 'value' | 'error'>;

/**
 * Scenes' DataSourceVariable sets `error: "No data sources found"` and keeps no option when no data
 * source of its type exists. Before its first load `loading` is undefined, which is not "missing".
 */
export function isElasticsearchMissing(state: EsVariableState): boolean {
  if (state.loading !== false) {
    return false;
  }
  return state.options.length === 0 || state.value === '' || state.value === undefined || state.value === null;
}

/**
 * Scene behaviour: while no Elasticsearch data source exists, show `notice` and hide `dependents`
 * (hidden flex items do not mount, so their queries never run against the missing data source) and
 * the pickers of `variableNames`, whose options come from that data source too.
 */
export function showOnlyWhenElasticsearchMissing(
  notice: ElasticsearchMissing,
  dependents: Array<SceneObject<SceneObjectState & { isHidden?: boolean }>>,
  variableNames: string[] = []
) {
  return (scene: SceneObject) => {
    const variable = sceneGraph.lookupVariable(VAR_ES, scene);
    if (!(variable instanceof DataSourceVariable)) {
      return;
    }
    const apply = (state: EsVariableState) => {
      const missing = isElasticsearchMissing(state);
      if (missing !== notice.state.missing) {
        notice.setState({ missing });
        for (const item of dependents) {
          item.setState({ isHidden: missing });
        }
        for (const name of variableNames) {
          sceneGraph
            .lookupVariable(name, scene)
            ?.setState({ hide: missing ? VariableHide.hideVariable : VariableHide.dontHide });
        }
      }
    };
    apply(variable.state);
    const sub = variable.subscribeToState(apply);
    return () => sub.unsubscribe();
  };
}

function ElasticsearchMissingRenderer({ model }: SceneComponentProps<ElasticsearchMissing>) {
  const styles = useStyles2(getStyles);
  const { missing } = model.useState();
  if (!missing) {
    return null;
  }
  return (
    <div className={styles.wrapper}>
      <Alert
        severity="info"
        title="No Elasticsearch data source configured — choose one on the app's configuration page"
        data-testid={ELASTICSEARCH_MISSING_TEST_ID}
      >
        <p>
          Satellite Health reads procedure telemetry from Elasticsearch (index pattern codesentinel-satellites-*, time
          field @timestamp). Add an Elasticsearch data source under Connections → Data sources, then choose it in the
          app configuration.
        </p>
        <LinkButton href={CONFIG_PAGE_URL} size="sm" variant="secondary" icon="cog">
          Open app configuration
        </LinkButton>
      </Alert>
    </div>
  );
}

const getStyles = () => ({
  // Sized by the alert, never stretched into the page's spare height.
  wrapper: css({ flex: '0 0 auto' }),
});
