// Scheduled scaling from the request-rate profile: how strong the daily pattern is, the peak-to-trough
// ratio, when the ramp starts and ends, and a KEDA cron trigger built from those numbers. Pure, so the
// numbers behind every line of the snippet are testable.
import type { ProfileBucket, SeasonalityProfile } from '../../analytics';

/** Below this share of variance explained by the hour of day, a schedule would follow noise. */
export const MIN_STRENGTH = 0.3;
/** Under a week, the weekday/weekend difference is not seen yet. */
export const MIN_DAYS = 7;
/** The ramp starts (and ends) where load crosses this share of the trough-to-peak swing. */
const RAMP_SHARE = 0.25;
/** Replicas assumed to serve the night; the suggestion scales them by the peak-to-trough ratio. */
export const NIGHT_REPLICAS = 2;
/** Scale up this many hours before the ramp (pods need to start and warm up). */
const LEAD_HOURS = 1;

export interface ScalingAdvice {
  /** Share of the variance explained by the hour of day (0..1). */
  strength: number;
  peakHour: number;
  troughHour: number;
  /** Mean rate at the peak hour over the trough hour. */
  ratio: number;
  rampStartHour: number;
  rampEndHour: number;
  /** Weekends below 80 % of weekdays: schedule Monday to Friday only. */
  weekdaysOnly: boolean;
  replicas: number;
  /** Why not to trust it (too short, weak pattern), empty when there is nothing to warn about. */
  caveats: string[];
  summary: string;
  /** A KEDA ScaledObject trigger, commented with the numbers it came from. */
  snippet: string;
}

function hh(hour: number): string {
  return `${String(((hour % 24) + 24) % 24).padStart(2, '0')}:00`;
}

/** Between-hour variance over total variance of the samples, from the buckets' counts, means and spreads. */
export function hourOfDayStrength(buckets: readonly ProfileBucket[]): number {
  const used = buckets.filter((b) => b.count > 0);
  const n = used.reduce((s, b) => s + b.count, 0);
  if (n === 0) {
    return 0;
  }
  const grand = used.reduce((s, b) => s + b.count * b.mean, 0) / n;
  const between = used.reduce((s, b) => s + b.count * (b.mean - grand) ** 2, 0);
  const within = used.reduce((s, b) => s + b.count * b.stdDev ** 2, 0);
  return between + within > 0 ? between / (between + within) : 0;
}

/** Undefined when the profile has no hour with traffic. */
export function scalingAdvice(
  profile: SeasonalityProfile,
  spanDays: number,
  timeZone: string
): ScalingAdvice | undefined {
  const hours = profile.hourOfDay.filter((b) => b.count > 0 && Number.isFinite(b.mean));
  if (hours.length < 12) {
    return undefined;
  }
  const byHour = new Map(hours.map((b) => [b.key, b.mean]));
  const peak = hours.reduce((a, b) => (b.mean > a.mean ? b : a));
  const trough = hours.reduce((a, b) => (b.mean < a.mean ? b : a));
  const level = trough.mean + RAMP_SHARE * (peak.mean - trough.mean);
  const below = (h: number) => (byHour.get(((h % 24) + 24) % 24) ?? Infinity) <= level;
  let rampStart = peak.key;
  for (let k = 1; k < 24 && !below(peak.key - k); k++) {
    rampStart = peak.key - k;
  }
  let rampEnd = peak.key + 1;
  for (let k = 1; k < 24 && !below(peak.key + k); k++) {
    rampEnd = peak.key + k + 1;
  }
  const ratio = trough.mean > 0 ? peak.mean / trough.mean : Infinity;
  const strength = hourOfDayStrength(profile.hourOfDay);
  const days = profile.dayOfWeek.filter((b) => b.count > 0);
  const weekday = days.filter((b) => b.key >= 1 && b.key <= 5);
  const weekend = days.filter((b) => b.key === 0 || b.key === 6);
  const avg = (xs: ProfileBucket[]) => xs.reduce((s, b) => s + b.mean, 0) / xs.length;
  const weekdaysOnly = weekday.length > 0 && weekend.length > 0 && avg(weekend) < 0.8 * avg(weekday);
  const replicas = Number.isFinite(ratio)
    ? Math.max(NIGHT_REPLICAS, Math.ceil(NIGHT_REPLICAS * ratio))
    : NIGHT_REPLICAS;
  const caveats: string[] = [];
  if (spanDays < MIN_DAYS) {
    caveats.push(
      `Only ${spanDays.toFixed(1)} days of data: widen the range to a week or more before scheduling (the weekend is not seen yet).`
    );
  }
  if (strength < MIN_STRENGTH) {
    caveats.push(
      `The daily pattern is weak (the hour of day explains ${Math.round(strength * 100)} % of the variation, under ${MIN_STRENGTH * 100} %): a schedule would follow noise, keep scaling on load alone.`
    );
  }
  const up = rampStart - LEAD_HOURS;
  const cronDays = weekdaysOnly ? '1-5' : '*';
  const summary =
    `Peak ${hh(peak.key)} is ${Number.isFinite(ratio) ? ratio.toFixed(1) : '∞'}× the ${hh(trough.key)} trough; the ramp starts at ${hh(rampStart)} and ` +
    `is over by ${hh(rampEnd)}${weekdaysOnly ? ' on weekdays (weekends stay under 80 % of weekdays)' : ''}. Daily pattern strength ${strength.toFixed(2)}.`;
  const snippet = [
    '# KEDA ScaledObject trigger (spec.triggers), from the hour-of-day profile above',
    '- type: cron',
    '  metadata:',
    `    timezone: ${timeZone}`,
    `    start: "0 ${((up % 24) + 24) % 24} * * ${cronDays}"   # ${LEAD_HOURS} h before the ramp at ${hh(rampStart)}`,
    `    end: "0 ${((rampEnd % 24) + 24) % 24} * * ${cronDays}"     # load back under ${RAMP_SHARE * 100} % of the swing by ${hh(rampEnd)}`,
    `    desiredReplicas: "${replicas}"   # ${NIGHT_REPLICAS} night replicas × peak/trough ${Number.isFinite(ratio) ? ratio.toFixed(2) : '∞'}, rounded up`,
  ].join('\n');
  return {
    strength,
    peakHour: peak.key,
    troughHour: trough.key,
    ratio,
    rampStartHour: ((rampStart % 24) + 24) % 24,
    rampEndHour: ((rampEnd % 24) + 24) % 24,
    weekdaysOnly,
    replicas,
    caveats,
    summary,
    snippet,
  };
}
