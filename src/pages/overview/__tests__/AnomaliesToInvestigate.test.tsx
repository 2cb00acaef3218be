import { LoadingState, dateTime } from '@grafana/data';
import { render, screen } from '@testing-library/react';
import React from 'react';

import { PRESETS } from '../../../queries/conventions';
import { overviewQueries } from '../../../queries/overview';
import { AnomaliesToInvestigate, NOTHING_CHECKED } from '../AnomaliesToInvestigate';

const timeRange = { from: dateTime(0), to: dateTime(7 * 86_400_000), raw: { from: 'now-7d', to: 'now' } };

describe('Anomalies to investigate', () => {
  it('says nothing was checked, not "nothing unusual", when no series answered', async () => {
    const scene = new AnomaliesToInvestigate({ queries: overviewQueries(PRESETS.otel) });
    await scene.check({ state: LoadingState.Done, series: [], timeRange });
    render(<scene.Component model={scene} />);
    expect(screen.getByText(NOTHING_CHECKED)).toBeInTheDocument();
    expect(screen.queryByText(/Nothing unusual/)).not.toBeInTheDocument();
  });
});
