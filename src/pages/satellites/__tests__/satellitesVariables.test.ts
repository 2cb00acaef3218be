import { EmbeddedScene, SceneFlexLayout, SceneVariableSet } from '@grafana/scenes';

import { getSatelliteFilter, makeProcedureVariable, makeSatelliteVariable } from '../satellitesVariables';

/** Scenes' value of the "All" option (ALL_VARIABLE_VALUE, not exported by @grafana/scenes). */
const ALL_VARIABLE_VALUE = '$__all';

function sceneWith(satellite: string, procedure: string) {
  const s = makeSatelliteVariable();
  const p = makeProcedureVariable();
  const options = (values: string[]) => values.map((v) => ({ label: v, value: v }));
  s.setState({ options: options(['archive', 'github']), value: satellite, text: satellite });
  p.setState({ options: options(['archive/PROC-1', 'github/PROC-1']), value: procedure, text: procedure });
  return new EmbeddedScene({
    $variables: new SceneVariableSet({ variables: [s, p] }),
    body: new SceneFlexLayout({ children: [] }),
  });
}

test('"All" is no filter, not the first option (Scenes lists every option as the value of All)', () => {
  expect(getSatelliteFilter(sceneWith(ALL_VARIABLE_VALUE, ALL_VARIABLE_VALUE))).toEqual({
    satellite: undefined,
    procedure: undefined,
  });
});

test('a chosen satellite and procedure filter exactly', () => {
  expect(getSatelliteFilter(sceneWith('github', 'github/PROC-1'))).toEqual({
    satellite: 'github',
    procedure: 'github/PROC-1',
  });
});
