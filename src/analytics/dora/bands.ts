// DORA performance bands. Thresholds from the 2021 Accelerate State of DevOps Report (DORA / Google
// Cloud, "Software delivery performance" table; the last report that publishes all four bands for
// all four measures):
//   deployment frequency  elite on demand (multiple per day) · high once per week to once per month ·
//                         medium once per month to once every six months · low fewer
//   lead time for changes elite < 1 hour · high 1 day to 1 week · medium 1 to 6 months · low > 6 months
//   time to restore       elite < 1 hour · high < 1 day · medium 1 day to 1 week · low > 6 months
//   change failure rate   elite 0-15 % · high, medium and low all 16-30 %
// The report's ranges leave gaps (e.g. lead time between 1 week and 1 month); a value in a gap takes
// the better band below it, so every value has exactly one band. Change failure rate above 30 % is
// outside every 2021 range and is called low; the report gives no medium boundary for it.
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

export type DoraMeasure = 'deploymentFrequency' | 'leadTime' | 'changeFailureRate' | 'timeToRestore';

const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const HALF_YEAR = 182 * DAY;

interface BandRule {
  /** Upper bounds (exclusive) for elite, high, medium when lower is better; lower bounds when higher is better. */
  bounds: [number, number, number];
  higherIsBetter: boolean;
  /** The report's words for each band, for tooltips. */
  words: Record<DoraBand, string>;
}

export const DORA_BANDS: Readonly<Record<DoraMeasure, BandRule>> = {
  // Deployments per day.
  deploymentFrequency: {
    bounds: [1, 1 / 30, 1 / 182],
    higherIsBetter: true,
    words: {
      elite: 'on demand (multiple deploys per day)',
      high: 'between once per week and once per month',
      medium: 'between once per month and once every six months',
      low: 'fewer than once per six months',
    },
  },
  // Seconds.
  leadTime: {
    bounds: [HOUR, WEEK, HALF_YEAR],
    higherIsBetter: false,
    words: {
      elite: 'less than one hour',
      high: 'between one day and one week',
      medium: 'between one month and six months',
      low: 'more than six months',
    },
  },
  // Share 0..1; elite is "0-15 %" inclusive.
  changeFailureRate: {
    bounds: [0.15 + 1e-12, 0.3 + 1e-12, 0.3 + 1e-12],
    higherIsBetter: false,
    words: {
      elite: '0-15 %',
      high: '16-30 %',
      medium: '16-30 %',
      low: '16-30 % (above 30 % is outside every 2021 band)',
    },
  },
  // Seconds.
  timeToRestore: {
    bounds: [HOUR, DAY, WEEK],
    higherIsBetter: false,
    words: {
      elite: 'less than one hour',
      high: 'less than one day',
      medium: 'between one day and one week',
      low: 'more than six months',
    },
  },
};

export const DORA_SOURCE = '2021 Accelerate State of DevOps Report (DORA, Google Cloud)';

/** The band a value falls in; undefined for NaN (no data). */
export function doraBand(measure: DoraMeasure, value: number): DoraBand | undefined {
  if (!Number.isFinite(value)) {
    return undefined;
  }
  const { bounds, higherIsBetter } = DORA_BANDS[measure];
  const order: DoraBand[] = ['elite', 'high', 'medium'];
  for (let i = 0; i < 3; i++) {
    if (higherIsBetter ? value >= bounds[i] : value < bounds[i]) {
      return order[i];
    }
  }
  return 'low';
}

export { DAY, HOUR, MONTH, WEEK };
