// Linear trend models with prediction intervals: OLS (exact t-based interval, as statsmodels'
// `get_prediction().summary_frame(alpha)` obs_ci) and Theil–Sen (as scipy.stats.theilslopes) with a
// band from the empirical residual quantiles, which stays honest when the noise is spiky or skewed.
import { normalQuantile, studentTQuantile } from '../stats/distributions';
import { roundHalfEven, sortedMedian, sortedQuantile } from '../stats/robust';

export interface OlsFit {
  intercept: number;
  slope: number;
  /** Residual variance s² with n − 2 degrees of freedom. */
  residualVariance: number;
  n: number;
  meanX: number;
  sxx: number;
}

/** t quantiles are costly (incomplete-beta inversion); a band asks for one per point at one level. */
const tCache = new Map<string, number>();

function tQuantile(confidence: number, df: number): number {
  const key = `${confidence}:${df}`;
  let t = tCache.get(key);
  if (t === undefined) {
    t = studentTQuantile(1 - (1 - confidence) / 2, df);
    if (tCache.size > 1000) {
      tCache.clear();
    }
    tCache.set(key, t);
  }
  return t;
}

/** OLS of y on x; x and y must be finite and the same length (≥ 3, not all x equal). */
export function fitOls(x: ArrayLike<number>, y: ArrayLike<number>): OlsFit {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  // Centred sums avoid the cancellation of Σx² − n·x̄² on epoch-sized x.
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    sxx += dx * dx;
    sxy += dx * (y[i] - my);
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - (intercept + slope * x[i]);
    sse += r * r;
  }
  return { intercept, slope, residualVariance: sse / (n - 2), n, meanX: mx, sxx };
}

export interface Interval {
  mean: number;
  lower: number;
  upper: number;
}

/**
 * Prediction interval for a new observation at x0 at two-sided `confidence`. `slopeVariance` (per
 * step², default 0 = the exact interval) is variance of the slope beyond what the residuals imply:
 * it adds slopeVariance · (x0 − x̄)² to the prediction variance.
 */
export function olsPredict(fit: OlsFit, x0: number, confidence: number, slopeVariance = 0): Interval {
  const t = tQuantile(confidence, fit.n - 2);
  const dx = x0 - fit.meanX;
  const se = Math.sqrt(fit.residualVariance * (1 + 1 / fit.n + (dx * dx) / fit.sxx) + slopeVariance * dx * dx);
  const mean = fit.intercept + fit.slope * x0;
  return { mean, lower: mean - t * se, upper: mean + t * se };
}

export interface TheilSenFit {
  slope: number;
  intercept: number;
  lowSlope: number;
  highSlope: number;
  medianX: number;
}

/** Theil–Sen with Sen's (1968) slope confidence interval, identical to scipy's 'separate' method. */
export function fitTheilSen(x: ArrayLike<number>, y: ArrayLike<number>, confidence = 0.95): TheilSenFit {
  const n = x.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dx = x[i] - x[j];
      if (dx > 0) {
        slopes[m++] = (y[i] - y[j]) / dx;
      }
    }
  }
  const sorted = slopes.subarray(0, m).sort();
  const slope = sortedMedian(sorted);
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();
  const medianX = sortedMedian(xs);
  const intercept = sortedMedian(ys) - slope * medianX;

  let alpha = confidence;
  if (alpha > 0.5) {
    alpha = 1 - alpha;
  }
  const z = normalQuantile(alpha / 2);
  const sigma = Math.sqrt((n * (n - 1) * (2 * n + 5) - tieTerm(xs) - tieTerm(ys)) / 18);
  const ru = Math.min(roundHalfEven((m - z * sigma) / 2), m - 1);
  const rl = Math.max(roundHalfEven((m + z * sigma) / 2) - 1, 0);
  return { slope, intercept, lowSlope: sorted[rl], highSlope: sorted[ru], medianX };
}

/** Σ k(k−1)(2k+5) over groups of k tied values in sorted data. */
function tieTerm(sorted: Float64Array): number {
  let total = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
    } else {
      if (run > 1) {
        total += run * (run - 1) * (2 * run + 5);
      }
      run = 1;
    }
  }
  return total;
}

/** Residual quantiles giving a two-sided band of `confidence` around the Theil–Sen line. */
export function theilSenResidualBand(
  fit: TheilSenFit,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confidence: number
): { below: number; above: number } {
  const residuals = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    residuals[i] = y[i] - (fit.intercept + fit.slope * x[i]);
  }
  residuals.sort();
  const tail = (1 - confidence) / 2;
  return { below: sortedQuantile(residuals, tail), above: sortedQuantile(residuals, 1 - tail) };
}

/**
 * Theil–Sen band at x0: the residual quantiles around the line, widened by the slope's confidence
 * interval pivoting at the median x, so the band grows with distance as slope uncertainty does.
 */
export function theilSenPredict(fit: TheilSenFit, band: { below: number; above: number }, x0: number): Interval {
  const mean = fit.intercept + fit.slope * x0;
  const dx = x0 - fit.medianX;
  const spreadLow = Math.min(0, (fit.lowSlope - fit.slope) * dx, (fit.highSlope - fit.slope) * dx);
  const spreadHigh = Math.max(0, (fit.lowSlope - fit.slope) * dx, (fit.highSlope - fit.slope) * dx);
  return { mean, lower: mean + band.below + spreadLow, upper: mean + band.above + spreadHigh };
}
