import { DataSourceVariable, type QueryVariable, SceneFlexItem, type SceneFlexLayout } from '@grafana/scenes';
import { VariableHide } from '@grafana/schema';
import { act, render, screen } from '@testing-library/react';
import React from 'react';

import { resolveAppSettings } from '../../../settings/resolve';
import { CONFIG_PAGE_URL } from '../../../utils/routing';
import { ELASTICSEARCH_MISSING_TEST_ID, ElasticsearchMissing, isElasticsearchMissing } from '../ElasticsearchMissing';
import { buildSatellitesScene } from '../satellitesScene';

const es = (state: Partial<Parameters<typeof isElasticsearchMissing>[0]>) => ({
  loading: false,
  options: [{ label: 'Logs', value: 'es-uid' }],
  value: 'es-uid',
  ...state,
});

test.each([
  ['before the variable first loads', es({ loading: undefined, options: [], value: '' }), false],
  ['while loading', es({ loading: true, options: [], value: '' }), false],
  ['a data source was found', es({}), false],
  ['no data source of the type exists', es({ options: [], value: '', error: 'No data sources found' }), true],
  ['options exist but none is selected', es({ value: '' }), true],
])('isElasticsearchMissing: %s -> %s', (_, state, expected) => {
  expect(isElasticsearchMissing(state)).toBe(expected);
});

test('the notice renders nothing while a data source exists, and one linked message when none does', () => {
  const notice = new ElasticsearchMissing();
  const { container } = render(<notice.Component model={notice} />);
  expect(container.innerHTML).toBe('');
  act(() => notice.setState({ missing: true }));
  const alert = screen.getByTestId(ELASTICSEARCH_MISSING_TEST_ID);
  expect(alert.textContent).toContain('No Elasticsearch data source configured');
  expect(screen.getByRole('link', { name: /Open app configuration/ }).getAttribute('href')).toBe(CONFIG_PAGE_URL);
});

describe('satellites page without Elasticsearch', () => {
  it('shows only the notice: panels and the insights block hidden, satellite and procedure pickers hidden', () => {
    const scene = buildSatellitesScene(resolveAppSettings({}));
    const deactivate = scene.activate();
    const [variable, satellite, procedure] = scene.state.$variables!.state.variables as [
      DataSourceVariable,
      QueryVariable,
      QueryVariable,
    ];
    expect(variable).toBeInstanceOf(DataSourceVariable);
    const children = (scene.state.body as SceneFlexLayout).state.children;
    const notice = children[0] as ElasticsearchMissing;
    const content = children.slice(1) as SceneFlexItem[];
    expect(notice).toBeInstanceOf(ElasticsearchMissing);
    expect(content.every((c) => c instanceof SceneFlexItem)).toBe(true);

    variable.setState({ loading: false, options: [], value: '', error: 'No data sources found' });
    expect(notice.state.missing).toBe(true);
    expect(content.map((c) => c.state.isHidden)).toEqual(content.map(() => true));
    expect([satellite.state.hide, procedure.state.hide]).toEqual([
      VariableHide.hideVariable,
      VariableHide.hideVariable,
    ]);

    variable.setState({ loading: false, options: [{ label: 'Logs', value: 'es-uid' }], value: 'es-uid', error: null });
    expect(notice.state.missing).toBe(false);
    expect(content.map((c) => c.state.isHidden)).toEqual(content.map(() => false));
    expect(satellite.state.hide).toBe(VariableHide.dontHide);
    deactivate();
  });
});
