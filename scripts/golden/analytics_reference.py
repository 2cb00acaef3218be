#!/usr/bin/python3
"""Reference numbers for the analytics engine's linear models (issue 3).

Run with Debian's interpreter, which has python3-scipy and python3-statsmodels:
    /usr/bin/python3 scripts/golden/analytics_reference.py
Writes src/analytics/__tests__/golden/linear.json. Inputs are generated here from fixed seeds and
stored in the JSON, so the TypeScript tests read exactly the data the references were computed on.
"""
import json
import os

import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'analytics', '__tests__', 'golden', 'linear.json')


def ols_case(name, x, y, x_new, alpha):
    model = sm.OLS(y, sm.add_constant(x)).fit()
    frame = model.get_prediction(sm.add_constant(x_new, has_constant='add')).summary_frame(alpha=alpha)
    return {
        'name': name,
        'x': list(map(float, x)),
        'y': list(map(float, y)),
        'xNew': list(map(float, x_new)),
        'confidence': 1 - alpha,
        'intercept': float(model.params[0]),
        'slope': float(model.params[1]),
        'mean': list(map(float, frame['mean'])),
        'lower': list(map(float, frame['obs_ci_lower'])),
        'upper': list(map(float, frame['obs_ci_upper'])),
    }


def theil_case(name, x, y, confidence):
    r = stats.theilslopes(y, x, alpha=confidence)
    return {
        'name': name,
        'x': list(map(float, x)),
        'y': list(map(float, y)),
        'confidence': confidence,
        'slope': float(r.slope),
        'intercept': float(r.intercept),
        'lowSlope': float(r.low_slope),
        'highSlope': float(r.high_slope),
    }


def main():
    rng = np.random.default_rng(20261125)
    ols = []
    for n, alpha in [(5, 0.05), (30, 0.05), (200, 0.1), (1000, 0.01)]:
        x = np.arange(n, dtype=float)
        y = 3.0 + 0.25 * x + rng.normal(0, 2.0, n)
        ols.append(ols_case(f'n={n} alpha={alpha}', x, y, np.arange(n, n + 10, dtype=float), alpha))
    # epoch-sized x and huge y stress cancellation
    x = 1.7e12 + 60_000.0 * np.arange(50)
    y = 1e9 + 1e3 * np.arange(50) + rng.normal(0, 5e3, 50)
    ols.append(ols_case('epoch x, large y', (x - x[0]) / 60_000.0, y, np.array([50.0, 60.0, 100.0]), 0.05))

    theil = []
    for n, conf in [(10, 0.95), (57, 0.9), (300, 0.95)]:
        x = np.arange(n, dtype=float)
        y = 10 - 0.5 * x + rng.standard_t(2, n) * 3
        theil.append(theil_case(f'spiky n={n} conf={conf}', x, y, conf))
    # ties in x and y exercise Sen's tie correction
    x = np.repeat(np.arange(20, dtype=float), 3)
    y = np.round(2 * x + rng.normal(0, 3, x.size))
    theil.append(theil_case('ties in x and y', x, y, 0.95))

    doc = {
        'generatedBy': 'scripts/golden/analytics_reference.py',
        'versions': {'scipy': scipy.__version__, 'statsmodels': statsmodels.__version__, 'numpy': np.__version__},
        'ols': ols,
        'theilSen': theil,
    }
    with open(OUT, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
