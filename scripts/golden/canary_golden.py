#!/usr/bin/python3
"""Reference numbers for the canary statistics (src/analytics/canary).

Run with Debian's python (scipy 1.10, statsmodels 0.13):

    /usr/bin/python3 scripts/golden/canary_golden.py

Writes src/analytics/canary/__tests__/golden/canary-golden.json and canary-exact-golden.json. The
TypeScript engine must match every number here to 1e-6 relative (canaryGolden.test.ts,
exactGolden.test.ts).

References:
- Mann-Whitney U: scipy.stats.mannwhitneyu(x, y, use_continuity=True, method='exact'|'asymptotic').
- Welch t: scipy.stats.ttest_ind(x, y, equal_var=False).
- Poisson rates: statsmodels.stats.rates.test_poisson_2indep(method='exact-cond'), which is
  scipy.stats.binomtest on the conditional binomial for two-sided.
- Exact Mann-Whitney with ties (small samples): scipy.stats.permutation_test over all C(N, m) splits
  (n_resamples=inf) with U from scipy.stats.rankdata, also on samples shifted by the allowed change.
- Counts against an allowed rate ratio: scipy.stats.binomtest(k, n, p0) one-sided, and the
  Clopper-Pearson interval binomtest(k, n).proportion_ci(method='exact').
- Hodges-Lehmann shift and its distribution-free (Moses / Bauer 1972) confidence interval: written
  here from first principles with numpy, independent of the TypeScript (all m*n differences sorted,
  the exact null distribution of U from scipy's own recursion).
"""
import json
import math
import os
import sys

import numpy as np
from scipy import stats
from scipy.stats import _mannwhitneyu as scipy_mwu
from statsmodels.stats.rates import test_poisson_2indep

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'src', 'analytics', 'canary', '__tests__',
                   'golden', 'canary-golden.json')
EXACT_OUT = os.path.join(os.path.dirname(OUT), 'canary-exact-golden.json')

rng = np.random.default_rng(20261125)


def as_list(a):
    return [float(v) for v in a]


# ---------------------------------------------------------------- samples
def sample_cases():
    """(name, x, y, exact_allowed) - x plays the canary, y the baseline."""
    cases = []
    # Textbook example from the scipy docs (no ties).
    cases.append(('scipy-doc', [19, 22, 16, 29, 24], [20, 11, 17, 12], True))
    # Small, continuous, no ties: exact distribution applies.
    for m, n, shift in [(3, 7, 0.0), (6, 6, 1.0), (8, 8, 0.5), (4, 12, -0.8), (7, 20, 0.3), (5, 40, 1.2),
                        (8, 60, 0.0), (2, 9, 2.0)]:
        x = rng.normal(10 + shift, 1, m)
        y = rng.normal(10, 1, n)
        cases.append((f'small-{m}x{n}-shift{shift}', as_list(x), as_list(y), True))
    # Medium / large continuous (asymptotic, no ties).
    for m, n, shift in [(30, 40, 0.4), (120, 100, 0.0), (300, 280, 0.15), (1000, 1000, 0.05)]:
        x = rng.lognormal(np.log(0.2) + shift, 0.3, m)
        y = rng.lognormal(np.log(0.2), 0.3, n)
        cases.append((f'lognormal-{m}x{n}-shift{shift}', as_list(x), as_list(y), False))
    # Ties: latencies rounded to 10 ms buckets, and sparse error ratios (mostly exact zeros).
    for m, n in [(25, 35), (200, 150)]:
        x = np.round(rng.gamma(4, 0.05, m) + 0.02, 2)
        y = np.round(rng.gamma(4, 0.05, n), 2)
        cases.append((f'rounded-ties-{m}x{n}', as_list(x), as_list(y), False))
    x = np.where(rng.random(120) < 0.1, rng.uniform(0.001, 0.01, 120), 0.0)
    y = np.where(rng.random(150) < 0.03, rng.uniform(0.001, 0.01, 150), 0.0)
    cases.append(('sparse-error-ratio-ties', as_list(x), as_list(y), False))
    # A canary equal to the baseline except a few huge outliers.
    base = rng.normal(0.25, 0.02, 200)
    canary = rng.normal(0.25, 0.02, 60)
    canary[:3] = [40.0, 55.0, 90.0]
    cases.append(('huge-outliers-60x200', as_list(canary), as_list(base), False))
    # Small with ties (asymptotic only: scipy's exact method ignores ties).
    cases.append(('small-ties', [1, 2, 2, 3, 5], [2, 2, 4, 6, 6, 7], False))
    return cases


def mwu(x, y, method, alternative):
    r = stats.mannwhitneyu(x, y, use_continuity=True, alternative=alternative, method=method)
    return {'u1': float(r.statistic), 'p': float(r.pvalue)}


def welch(x, y):
    r = stats.ttest_ind(x, y, equal_var=False)
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    vx, vy = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
    return {'t': float(r.statistic), 'p': float(r.pvalue), 'df': float(df)}


def tie_term(xy):
    _, t = np.unique(xy, return_counts=True)
    return float((t ** 3 - t).sum())


def hodges_lehmann(x, y, confidence, exact):
    """Median of all x_i - y_j and the Moses/Bauer interval [D_(k), D_(mn+1-k)].

    k is the largest integer with P(U <= k - 1) <= alpha / 2 under H0: from the exact null
    distribution of U when `exact`, otherwise from the normal approximation with the tie-corrected
    variance and a continuity correction, k = floor(mn/2 - z * sigma + 0.5).
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    m, n = len(x), len(y)
    d = np.sort(np.subtract.outer(x, y).ravel())
    mn = m * n
    shift = float(np.median(d))
    alpha = 1 - confidence
    if exact:
        cdf = scipy_mwu._mwu_state.cdf(np.arange(0, mn + 1), m, n)
        ok = np.nonzero(cdf <= alpha / 2)[0]
        k = int(ok[-1]) + 1 if len(ok) else 0
    else:
        N = m + n
        sigma = math.sqrt(mn / 12 * ((N + 1) - tie_term(np.concatenate([x, y])) / (N * (N - 1))))
        z = stats.norm.ppf(1 - alpha / 2)
        k = int(math.floor(mn / 2 - z * sigma + 0.5))
    if k < 1:
        return {'shift': shift, 'k': k, 'lower': None, 'upper': None}
    return {'shift': shift, 'k': k, 'lower': float(d[k - 1]), 'upper': float(d[mn - k])}


def cliffs_delta(x, y):
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    gt = (x[:, None] > y[None, :]).sum()
    lt = (x[:, None] < y[None, :]).sum()
    return float((gt - lt) / (len(x) * len(y)))


def sample_golden():
    out = []
    for name, x, y, exact_allowed in sample_cases():
        entry = {'name': name, 'x': x, 'y': y, 'asymptotic': {}, 'exact': None}
        for alt in ['two-sided', 'less', 'greater']:
            entry['asymptotic'][alt] = mwu(x, y, 'asymptotic', alt)
        if exact_allowed:
            entry['exact'] = {alt: mwu(x, y, 'exact', alt) for alt in ['two-sided', 'less', 'greater']}
        entry['welch'] = welch(x, y)
        entry['hl95'] = hodges_lehmann(x, y, 0.95, exact_allowed)
        entry['hl90'] = hodges_lehmann(x, y, 0.90, exact_allowed)
        entry['cliffsDelta'] = cliffs_delta(x, y)
        out.append(entry)
    return out


# ---------------------------------------------------------------- counts
def poisson_golden():
    cases = [
        # (canary errors, canary requests, baseline errors, baseline requests)
        (3, 100_000, 0, 900_000),   # 0 vs 3 errors, canary takes 10 % of traffic
        (3, 1_000_000, 0, 1_000_000),
        (0, 50_000, 12, 450_000),
        (50, 10_000, 40, 10_000),
        (120, 50_000, 900, 500_000),
        (10_000, 1_000_000, 11_000, 1_000_000),
        (1, 2_000, 1, 18_000),
        (7, 123_456, 30, 987_654),
    ]
    out = []
    for c1, e1, c2, e2 in cases:
        entry = {'canaryCount': c1, 'canaryExposure': e1, 'baselineCount': c2, 'baselineExposure': e2}
        for alt in ['two-sided', 'larger', 'smaller']:
            # numpy scalars: statsmodels 0.13 divides the two rates with plain python floats, which
            # raises for a zero baseline count; numpy gives inf and the p-value is unaffected.
            with np.errstate(divide='ignore', invalid='ignore'):
                r = test_poisson_2indep(np.float64(c1), np.float64(e1), np.float64(c2), np.float64(e2),
                                        method='exact-cond', alternative=alt)
            entry[alt] = float(r.pvalue)
        entry['binomtest'] = float(stats.binomtest(c1, c1 + c2, e1 / (e1 + e2)).pvalue)
        out.append(entry)
    return out


# ---------------------------------------------------------------- exact small samples, allowed change
def u1_statistic(x, y, axis):
    xy = np.concatenate([x, y], axis=axis)
    r = stats.rankdata(xy, axis=axis)
    m = x.shape[axis]
    return r[..., :m].sum(axis=-1) - m * (m + 1) / 2


def exact_rank_golden():
    """Small samples with and without ties; `shift` is subtracted from x first (the allowed change)."""
    own = np.random.default_rng(20261207)
    cases = [
        ('3v3-separated', [0.31, 0.32, 0.33], [0.21, 0.22, 0.23], 0.0),
        ('3v3-separated-tied', [2.0, 2.0, 2.0], [1.0, 1.0, 1.0], 0.0),
        ('5v6-ties', [1, 2, 2, 3, 5], [2, 2, 4, 6, 6, 7], 0.0),
        ('12v6-ties', [1, 2, 2, 3, 5, 9, 9, 9, 9, 9, 9, 9], [2, 2, 4, 6, 6, 7], 0.0),
        ('latency-10ms-grid-8v10', list(np.round(own.gamma(4, 0.05, 8) + 0.03, 2)),
         list(np.round(own.gamma(4, 0.05, 10), 2)), 0.0),
        ('error-ratio-zeros-9v9', [0, 0, 0, 0.01, 0, 0.02, 0, 0.01, 0], [0, 0, 0, 0, 0, 0.01, 0, 0, 0], 0.0),
        ('shifted-by-allowed-8v9', list(own.normal(1.1, 0.02, 8)), list(own.normal(1.0, 0.02, 9)), 0.05),
        ('shifted-ties-9v9', list(np.round(own.normal(1.06, 0.02, 9), 2)), list(np.round(own.normal(1.0, 0.02, 9), 2)), 0.05),
    ]
    out = []
    for name, x, y, shift in cases:
        xs = np.asarray(x, float) - shift
        ys = np.asarray(y, float)
        entry = {'name': name, 'x': as_list(x), 'y': as_list(y), 'shift': shift}
        for alt in ['two-sided', 'less', 'greater']:
            r = stats.permutation_test((xs, ys), u1_statistic, permutation_type='independent', vectorized=True,
                                       n_resamples=np.inf, alternative=alt)
            entry[alt] = {'u1': float(r.statistic), 'p': float(r.pvalue)}
        entry['asymptoticGreater'] = float(stats.mannwhitneyu(xs, ys, alternative='greater', method='asymptotic').pvalue)
        out.append(entry)
    return out


def count_allowed_golden():
    """(canary errors, canary requests, baseline errors, baseline requests, allowed relative change)."""
    cases = [
        (5, 10_000, 0, 10_000, 0.0),
        (5, 10_000, 0, 10_000, 0.1),
        (30, 10_000, 20, 10_000, 0.1),
        (120, 50_000, 900, 500_000, 0.2),
        (3, 100_000, 0, 900_000, 0.1),
        (0, 50_000, 12, 450_000, 0.1),
    ]
    out = []
    for c1, e1, c2, e2, allowed in cases:
        n = c1 + c2
        entry = {'canaryCount': c1, 'canaryExposure': e1, 'baselineCount': c2, 'baselineExposure': e2, 'allowed': allowed}
        worse_p0 = (1 + allowed) * e1 / ((1 + allowed) * e1 + e2)
        better_p0 = (1 - allowed) * e1 / ((1 - allowed) * e1 + e2)
        entry['worseP'] = float(stats.binomtest(c1, n, worse_p0, alternative='greater').pvalue)
        entry['withinP'] = float(stats.binomtest(c1, n, worse_p0, alternative='less').pvalue)
        entry['betterP'] = float(stats.binomtest(c1, n, better_p0, alternative='less').pvalue)
        ci = stats.binomtest(c1, n).proportion_ci(confidence_level=0.90, method='exact')
        # Canary share of the events -> rate ratio: share / (1 - share) * e2 / e1.
        ratio = lambda q: (q / (1 - q)) * e2 / e1 if q < 1 else None
        entry['ratio90'] = {'lower': ratio(float(ci.low)), 'upper': ratio(float(ci.high))}
        out.append(entry)
    return out


def main():
    golden = {
        'generator': 'scripts/golden/canary_golden.py',
        'versions': {'python': sys.version.split()[0], 'numpy': np.__version__,
                     'scipy': __import__('scipy').__version__,
                     'statsmodels': __import__('statsmodels').__version__},
        'samples': sample_golden(),
        'poisson': poisson_golden(),
    }
    with open(OUT, 'w') as f:
        json.dump(golden, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.normpath(OUT)}: {len(golden["samples"])} sample cases, '
          f'{len(golden["poisson"])} count cases')
    exact = {
        'generator': 'scripts/golden/canary_golden.py',
        'versions': golden['versions'],
        'rankTests': exact_rank_golden(),
        'countsAgainstAllowed': count_allowed_golden(),
    }
    with open(EXACT_OUT, 'w') as f:
        json.dump(exact, f, indent=None, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {os.path.normpath(EXACT_OUT)}: {len(exact["rankTests"])} exact rank cases, '
          f'{len(exact["countsAgainstAllowed"])} count cases')


if __name__ == '__main__':
    main()
