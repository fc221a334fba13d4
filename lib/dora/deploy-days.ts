import { median } from "@/lib/stats/quantile";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** Four Keys' deployment-frequency buckets. */
export type FrequencyBucket = "daily" | "weekly" | "monthly" | "yearly";

/**
 * Deploy days (UTC days with at least one deploy) per week over [from, to) (at most 7; see
 * observedDays), and the Four Keys
 * bucket: daily when the median week has 3 or more deploy days, weekly when it has at least
 * one, monthly when the median 30-day month has at least one, else yearly — as Google's Four
 * Keys dashboard classifies it. Weeks and months before `since` (the first recorded deploy) are
 * left out: they are "no data", not weeks without deploys.
 */
export function deployDays(starts: readonly number[], from: number, to: number, since: number | null) {
  // The record starts on the first deploy's (UTC) day.
  const begin = since === null ? to : Math.max(from, Math.floor(since / DAY) * DAY);
  const days = new Set(starts.filter((t) => t >= begin && t < to).map((t) => Math.floor(t / DAY)));
  const perPeriod = (length: number) => {
    const counts: number[] = [];
    for (let start = begin; start < to; start += length) {
      const end = Math.min(to, start + length);
      let n = 0;
      for (let d = Math.ceil(start / DAY); d * DAY < end; d++) if (days.has(d)) n++;
      counts.push(n);
    }
    return counts;
  };
  const weeks = perPeriod(WEEK);
  const months = perPeriod(30 * DAY);
  const weekMedian = median(weeks);
  const monthMedian = median(months);
  const bucket: FrequencyBucket | null =
    weekMedian === null ? null : weekMedian >= 3 ? "daily" : weekMedian >= 1 ? "weekly" : (monthMedian ?? 0) >= 1 ? "monthly" : "yearly";
  const observed = observedDays(begin, to, days);
  return { deployDaysPerWeek: observed > 0 ? days.size / (observed / 7) : null, frequencyBucket: bucket };
}

/**
 * The days [begin, to) observes, as deploy days are counted: a whole day counts 1, and so does a
 * day the range only partly covers if a deploy fell in it; otherwise the part it covers. Dividing
 * by the range's length instead, a range from mid-morning to now with a deploy on each of the 15
 * days it touches gave 7.4 deploy days a week.
 */
function observedDays(begin: number, to: number, deployDays: ReadonlySet<number>): number {
  let observed = 0;
  for (let d = Math.floor(begin / DAY); d * DAY < to; d++) {
    const covered = (Math.min(to, (d + 1) * DAY) - Math.max(begin, d * DAY)) / DAY;
    observed += deployDays.has(d) ? 1 : covered;
  }
  return observed;
}
