// How the Satellite Health page's queries follow the satellite and procedure pickers. The values
// reach Lucene only through src/queries/elasticsearch (escaped), never through Grafana's `${...}`
// interpolation, so Scenes cannot see the dependency in the query text: these objects declare it.
import {
  type SceneDataQuery,
  SceneObjectBase,
  type SceneObjectState,
  SceneQueryRunner,
  SceneTimeRange,
  VariableDependencyConfig,
} from '@grafana/scenes';

import { ELASTICSEARCH_DS_REF } from '../../constants';
import { FIELDS, type SatelliteFilter, termsVariableQuery } from '../../queries/elasticsearch/satellites';

import type { ReviewQuarters } from './reviewData';
import { VAR_PROCEDURE, VAR_SATELLITE, getProcedureVariable, getSatelliteFilter } from './satellitesVariables';

export interface SelectionQueriesState extends SceneObjectState {
  /** The runner's queries for a selection; in state so that a cloned runner keeps it. */
  build: (filter: SatelliteFilter) => SceneDataQuery[];
}

/**
 * Behaviour of a query runner: gives it the queries for the current selection when it activates
 * and whenever the satellite or procedure changes, and runs them.
 */
export class SelectionQueries extends SceneObjectBase<SelectionQueriesState> {
  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: [VAR_SATELLITE, VAR_PROCEDURE],
    onReferencedVariableValueChanged: () => this.apply(),
  });

  constructor(state: SelectionQueriesState) {
    super(state);
    this.addActivationHandler(() => this.apply());
  }

  apply(): void {
    const runner = this.parent;
    if (!(runner instanceof SceneQueryRunner)) {
      return;
    }
    const queries = this.state.build(getSatelliteFilter(this));
    // Coming back to the page with the same selection keeps the data the runner already has.
    // Queries are plain JSON (Elasticsearch targets), so comparing their JSON is exact.
    if (runner.state.data && JSON.stringify(queries) === JSON.stringify(runner.state.queries)) {
      return;
    }
    runner.setState({ queries });
    if (runner.isActive) {
      runner.runQueries();
    }
  }
}

/**
 * An Elasticsearch runner for the selection. It starts with no queries (so activating it sends
 * nothing) and gets its real ones from `SelectionQueries` right after.
 */
export function selectionRunner(build: SelectionQueriesState['build'], $timeRange?: SceneTimeRange): SceneQueryRunner {
  return new SceneQueryRunner({
    ...($timeRange ? { $timeRange } : {}),
    datasource: ELASTICSEARCH_DS_REF,
    queries: [],
    $behaviors: [new SelectionQueries({ build })],
  });
}

/** Scene behaviour: the procedure picker lists only the chosen satellite's procedures. */
export class ProcedureScope extends SceneObjectBase<SceneObjectState> {
  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: [VAR_SATELLITE],
    onReferencedVariableValueChanged: () => this.apply(),
  });

  apply(): void {
    const procedure = getProcedureVariable(this);
    const query = termsVariableQuery(FIELDS.procedure, { satellite: getSatelliteFilter(this).satellite });
    if (procedure && procedure.state.query !== query) {
      procedure.setState({ query });
      procedure.refreshOptions();
    }
  }
}

/** The review's and task speed's own range: from last quarter's first day to now, whatever the page's. */
export function sinceLastQuarter(quarters: ReviewQuarters): SceneTimeRange {
  return new SceneTimeRange({ from: new Date(quarters.fromMs).toISOString(), to: 'now' });
}
