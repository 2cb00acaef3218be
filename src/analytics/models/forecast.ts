// Forecast entry point: validates options, prepares the series, picks and fits a model, and always
// answers with either a ForecastResult or a CannotModel (never a throw).
import { currentRegime } from '../capacity/regimeFit';
import { type DailyProfile, deseasonalise, reseasonalise } from '../capacity/regimeProfile';
import { cannotModel, isConstant, prepareSeries } from '../prepare/prepare';
import { detectPeriods } from '../seasonality/periods';
import type {
  FittedModelKind,
  ForecastOptions,
  ForecastOutcome,
  PreparedSeries,
  RegimeReport,
  SeriesInput,
  Band,
} from '../types';

import { formatPeriods, modelLabel } from './describe';
import { olsBands, theilSenBands } from './linearForecast';
import { fitScale, scaleSeries, unscaleBand } from './scale';
import { fitSeasonal, MIN_CYCLES, seasonalHoldout, type SeasonalOptions } from './seasonal';

export const DEFAULT_CONFIDENCE = 0.95;
/** Longest horizon accepted, in steps (a forecast past this is noise with a band). */
export const MAX_HORIZON = 100_000;

/**
 * What an earlier fit of the same series learned, reused on the next refresh so it skips period
 * detection and the holdout fit (the two most expensive steps after the final fit).
 */
export interface ForecastMemory {
  stepMs: number;
  /** Length of the prepared series the memory was learned on. */
  points: number;
  periods: number[];
  kind: FittedModelKind;
  scale: number;
  why: string;
}

export interface ForecastRun {
  outcome: ForecastOutcome;
  memory?: ForecastMemory;
  /** The series the model saw (for anomaly detection on the same points). */
  prepared?: PreparedSeries;
}

export function isPreparedSeries(x: SeriesInput | PreparedSeries): x is PreparedSeries {
  return (
    typeof x === 'object' &&
    x !== null &&
    (x as PreparedSeries).values instanceof Float64Array &&
    typeof (x as PreparedSeries).stepMs === 'number' &&
    'report' in x
  );
}

export async function forecast(
  series: SeriesInput | PreparedSeries,
  options: ForecastOptions
): Promise<ForecastOutcome> {
  return (await runForecast(series, options)).outcome;
}

export async function runForecast(
  series: SeriesInput | PreparedSeries,
  options: ForecastOptions,
  memory?: ForecastMemory
): Promise<ForecastRun> {
  try {
    return await runUnchecked(series, options, memory);
  } catch (error) {
    return {
      outcome: cannotModel(
        'internal',
        `The forecast failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`
      ),
    };
  }
}

async function runUnchecked(
  series: SeriesInput | PreparedSeries,
  options: ForecastOptions,
  memory?: ForecastMemory
): Promise<ForecastRun> {
  const confidence = options?.confidence ?? DEFAULT_CONFIDENCE;
  if (!(confidence > 0 && confidence < 1)) {
    return {
      outcome: cannotModel(
        'unsupported',
        `Confidence must be between 0 and 1 (got ${confidence}); 0.95 is the usual choice.`
      ),
    };
  }
  const horizon = Math.floor(options?.horizon ?? NaN);
  if (!(horizon >= 1 && horizon <= MAX_HORIZON)) {
    return {
      outcome: cannotModel(
        'unsupported',
        `The horizon must be between 1 and ${MAX_HORIZON} steps (got ${options?.horizon}).`
      ),
    };
  }
  let prepared = isPreparedSeries(series)
    ? series
    : prepareSeries(series, { trainingWindowMs: options.trainingWindowMs });
  if (!('values' in prepared)) {
    return { outcome: prepared };
  }
  let regime: RegimeReport | undefined;
  let profile: DailyProfile | undefined;
  let slopeVariance = 0;
  if (options.currentRegimeOnly) {
    const cut = currentRegime(prepared);
    if (!cut.ok) {
      return { outcome: cut };
    }
    ({ prepared, regime, profile, slopeVariance } = cut);
  }
  // Always the engine's own figure (0 without a regime cut): a caller cannot widen or break the band.
  const fitOptions: ForecastOptions = { ...options, slopeVariance };
  if (profile) {
    const raw = prepared;
    const fitOn = { ...raw, values: deseasonalise(raw.values, raw.startMs, raw.stepMs, profile) };
    const run = await chooseAndFit(fitOn, horizon, confidence, fitOptions, regime, memory);
    return withProfile(run, profile, raw);
  }
  return chooseAndFit(prepared, horizon, confidence, fitOptions, regime, memory);
}

/** Adds the daily pattern back to what was fitted without it; the caller keeps the raw points. */
function withProfile(run: ForecastRun, profile: DailyProfile, raw: PreparedSeries): ForecastRun {
  if (!run.outcome.ok) {
    return run;
  }
  const note = ` Trend fitted with the daily pattern of the whole window removed (strength ${profile.strength.toFixed(2)}) and added back.`;
  const outcome = {
    ...run.outcome,
    fitted: reseasonalise(run.outcome.fitted, profile),
    forecast: reseasonalise(run.outcome.forecast, profile),
    model: { ...run.outcome.model, why: `${run.outcome.model.why ?? ''}${note}` },
  };
  return { ...run, outcome, prepared: raw };
}

async function chooseAndFit(
  prepared: PreparedSeries,
  horizon: number,
  confidence: number,
  options: ForecastOptions,
  regime: RegimeReport | undefined,
  memory: ForecastMemory | undefined
): Promise<ForecastRun> {
  if (isConstant(prepared.values)) {
    return {
      outcome: cannotModel(
        'constant',
        `All ${prepared.values.length} points have the same value (${prepared.values[0]}); there is no trend or pattern to model.`
      ),
    };
  }
  const divisor = fitScale(prepared.values);
  if (divisor !== 1) {
    const run = await fitPrepared(scaleSeries(prepared, divisor), horizon, confidence, options, regime, memory);
    return unscaleRun(run, prepared, divisor);
  }
  return fitPrepared(prepared, horizon, confidence, options, regime, memory);
}

/** The run in the original units; quoted errors in `why` stay in the fitted units, as the note says. */
function unscaleRun(run: ForecastRun, prepared: PreparedSeries, divisor: number): ForecastRun {
  if (!run.outcome.ok) {
    return { ...run, prepared };
  }
  const { outcome } = run;
  const note = ` Fitted on the values divided by ${divisor.toExponential(2)} (too large or small to fit as they are).`;
  return {
    ...run,
    prepared,
    outcome: {
      ...outcome,
      fitted: unscaleBand(outcome.fitted, divisor),
      forecast: unscaleBand(outcome.forecast, divisor),
      model: { ...outcome.model, why: (outcome.model.why ?? '') + note },
      preparation: prepared.report,
    },
  };
}

async function fitPrepared(
  prepared: PreparedSeries,
  horizon: number,
  confidence: number,
  options: ForecastOptions,
  regime: RegimeReport | undefined,
  memory?: ForecastMemory
): Promise<ForecastRun> {
  const ctx: Context = { prepared, horizon, confidence, options, regime };
  // A refresh of the same view, not a zoom: same step and roughly the same amount of history.
  const sameSeries =
    memory &&
    memory.stepMs === prepared.stepMs &&
    Math.abs(prepared.values.length - memory.points) <= 0.25 * memory.points;
  switch (options.model) {
    case 'linear':
      return linearRun(ctx, 'linear', 'OLS was requested.');
    case 'robust-linear':
      return linearRun(ctx, 'theil-sen', 'Theil–Sen was requested.');
    case 'seasonal': {
      const periods = options.periods?.length
        ? options.periods
        : sameSeries
          ? memory.periods
          : (await detectPeriods(prepared.values, prepared.stepMs)).periods;
      if (periods.length === 0) {
        return linearRun(
          ctx,
          'linear',
          'No seasonal period was found (autocorrelation below 0.3), so a linear trend is shown instead.'
        );
      }
      return seasonalRun(
        ctx,
        periods,
        sameSeries && memory.kind === 'mstl-ets' ? memory.scale : undefined,
        'Seasonal was requested.'
      );
    }
    case 'auto':
      if (sameSeries) {
        const why = `${memory.why} (choice kept from the previous refresh)`;
        const run =
          memory.kind === 'mstl-ets'
            ? await seasonalRun(ctx, memory.periods, memory.scale, why)
            : linearRun(ctx, memory.kind, why);
        // The memory keeps the reason as first given: the note is added once per refresh, not per refresh so far.
        return run.memory ? { ...run, memory: { ...run.memory, why: memory.why } } : run;
      }
      return autoRun(ctx);
    default:
      return {
        outcome: cannotModel(
          'unsupported',
          `Unknown model "${String(options.model)}"; use auto, linear, robust-linear or seasonal.`
        ),
      };
  }
}

interface Context {
  prepared: PreparedSeries;
  horizon: number;
  confidence: number;
  options: ForecastOptions;
  regime?: RegimeReport;
}

function result(
  ctx: Context,
  kind: FittedModelKind,
  periods: number[],
  bands: { fitted: Band; forecast: Band },
  why: string,
  stepMs: number
): ForecastOutcome {
  return {
    ok: true,
    model: {
      kind,
      periods,
      confidence: ctx.confidence,
      label: modelLabel(kind, periods, ctx.prepared.stepMs, ctx.confidence),
      why,
    },
    stepMs,
    fitted: bands.fitted,
    forecast: bands.forecast,
    preparation: ctx.prepared.report,
    ...(ctx.regime ? { regime: ctx.regime } : {}),
  };
}

function linearRun(ctx: Context, kind: 'linear' | 'theil-sen', givenWhy: string): ForecastRun {
  const spread = kind === 'linear' ? (ctx.options.slopeVariance ?? 0) : 0;
  const why =
    spread > 0
      ? `${givenWhy} Band widened for how much the slope moves between stretches of the window as long as this regime (±${formatNumber(Math.sqrt(spread) * ctx.prepared.values.length)} over its length).`
      : givenWhy;
  const bands =
    kind === 'linear'
      ? olsBands(ctx.prepared, ctx.horizon, ctx.confidence, ctx.options.slopeVariance ?? 0)
      : theilSenBands(ctx.prepared, ctx.horizon, ctx.confidence);
  return {
    outcome: result(ctx, kind, [], bands, why, ctx.prepared.stepMs),
    memory: { stepMs: ctx.prepared.stepMs, points: ctx.prepared.values.length, periods: [], kind, scale: 1, why },
    prepared: ctx.prepared,
  };
}

function seasonalOptions(ctx: Context, periods: number[]): SeasonalOptions {
  return { periods, horizon: ctx.horizon, confidence: ctx.confidence, maxPoints: ctx.options.maxPoints };
}

async function seasonalRun(
  ctx: Context,
  periods: number[],
  knownScale: number | undefined,
  why: string
): Promise<ForecastRun> {
  const longest = Math.max(...periods);
  const needed = MIN_CYCLES * longest + 1;
  if (ctx.prepared.values.length < needed || periods.some((p) => !(Number.isInteger(p) && p >= 2))) {
    return {
      outcome: periods.every((p) => Number.isInteger(p) && p >= 2)
        ? cannotModel(
            'too-short',
            `A seasonal model with period ${longest} steps needs at least ${needed} points (two full cycles); there are ${ctx.prepared.values.length}.`,
            needed
          )
        : cannotModel(
            'unsupported',
            `Seasonal periods must be whole numbers of steps ≥ 2 (got ${periods.join(', ')}).`
          ),
    };
  }
  let scale = knownScale;
  let note = '';
  if (scale === undefined) {
    const holdout = await seasonalHoldout(ctx.prepared, seasonalOptions(ctx, periods));
    scale = holdout?.scale ?? 1;
    note = holdout
      ? ` Band scaled ×${scale.toFixed(2)} to match holdout errors.`
      : ' Too little history for a holdout, so the band is augurs’ own.';
  }
  return finishSeasonal(ctx, periods, scale, why + note);
}

async function finishSeasonal(ctx: Context, periods: number[], scale: number, why: string): Promise<ForecastRun> {
  const fit = await fitSeasonal(ctx.prepared, seasonalOptions(ctx, periods), scale);
  const cleaned = fit.replaced > 0 ? ` ${outlierNote(fit.replaced, fit.factor)}` : '';
  const fullWhy = (fit.factor > 1 ? `${why} Fitted on means of ${fit.factor} steps.` : why) + cleaned;
  return {
    outcome: result(ctx, 'mstl-ets', periods, fit, fullWhy, ctx.prepared.stepMs * fit.factor),
    memory: { stepMs: ctx.prepared.stepMs, points: ctx.prepared.values.length, periods, kind: 'mstl-ets', scale, why },
    prepared: ctx.prepared,
  };
}

/** Says that one-off incidents were kept out of the seasonal pattern (they are still flagged as anomalies). */
function outlierNote(replaced: number, factor: number): string {
  const what =
    factor > 1 ? `${replaced} bucket${replaced === 1 ? '' : 's'}` : `${replaced} point${replaced === 1 ? '' : 's'}`;
  return `${what} of one-off outliers replaced by the robust fit so they are not forecast to recur.`;
}

/** Seasonal vs linear by out-of-sample error on the same holdout of raw points. */
async function autoRun(ctx: Context): Promise<ForecastRun> {
  const { periods, strength } = await detectPeriods(ctx.prepared.values, ctx.prepared.stepMs);
  if (periods.length === 0) {
    return linearRun(ctx, 'linear', 'No seasonal period found (autocorrelation below 0.3); linear trend.');
  }
  const label = modelLabel('mstl-ets', periods, ctx.prepared.stepMs, ctx.confidence);
  if (ctx.prepared.values.length < MIN_CYCLES * Math.max(...periods) + 1) {
    return linearRun(ctx, 'linear', `Found ${label} but too few cycles to fit it; linear trend.`);
  }
  let holdout = await seasonalHoldout(ctx.prepared, seasonalOptions(ctx, periods));
  if (!holdout) {
    return finishSeasonal(
      ctx,
      periods,
      1,
      `Seasonality found (autocorrelation ${strength[0].toFixed(2)}); too little history to compare on a holdout.`
    );
  }
  let chosen = periods;
  let periodNote = '';
  if (periods.length > 1) {
    // Two seasonalities are not always better than the longer one alone (it contains the shorter);
    // the same holdout decides.
    const longest = [Math.max(...periods)];
    const single = await seasonalHoldout(ctx.prepared, seasonalOptions(ctx, longest));
    if (single && single.mae < holdout.mae) {
      const step = ctx.prepared.stepMs;
      periodNote = ` Period ${formatPeriods(longest, step)} alone beat ${formatPeriods(periods, step)} (MAE ${formatNumber(single.mae)} vs ${formatNumber(holdout.mae)}).`;
      holdout = single;
      chosen = longest;
    }
  }
  const linearMae = linearHoldoutMae(ctx.prepared, holdout.rawPoints);
  const errors = `holdout MAE seasonal ${formatNumber(holdout.mae)} vs linear ${formatNumber(linearMae)}`;
  if (holdout.mae <= linearMae) {
    return finishSeasonal(
      ctx,
      chosen,
      holdout.scale,
      `Seasonal beat linear (${errors}).${periodNote} Band scaled ×${holdout.scale.toFixed(2)} to match holdout errors.`
    );
  }
  return linearRun(ctx, 'linear', `Linear beat seasonal (${errors}).`);
}

function linearHoldoutMae(prepared: PreparedSeries, holdout: number): number {
  const n = prepared.values.length;
  const train: PreparedSeries = {
    ...prepared,
    values: prepared.values.subarray(0, n - holdout),
    imputed: prepared.imputed.subarray(0, n - holdout),
  };
  const { forecast: band } = olsBands(train, holdout, DEFAULT_CONFIDENCE);
  let sum = 0;
  for (let i = 0; i < holdout; i++) {
    sum += Math.abs(prepared.values[n - holdout + i] - band.mean[i]);
  }
  return sum / holdout;
}

function formatNumber(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}
