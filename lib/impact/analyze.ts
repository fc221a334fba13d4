import { mannWhitneyU } from "@/lib/stats/mann-whitney";
import { median } from "@/lib/stats/quantile";
import type { Point } from "@/lib/store/types";
import { type TimeRange, valuesWithin } from "@/lib/time/time-range";
import { metricPolarity, type Polarity } from "./polarity";

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface ImpactOptions {
  /** Length of each compared window; default 30 minutes. */
  windowMinutes?: number;
  /** p-value below which a change counts as real; default 0.01. */
  alpha?: number;
  /** Smallest change in percent worth reporting; default 5. */
  minChangePct?: number;
  /** Fewest points a window needs to be tested; default 5. */
  minSamples?: number;
}

export interface ImpactInput extends ImpactOptions {
  /** The service's metric names. */
  metrics: readonly string[];
  deploy: { startedAt: number; finishedAt: number | null };
  /** Raw points of a metric with from ≤ ts ≤ to (inclusive, as `Store.rawPoints`), oldest first. */
  pointsFor: (metric: string, from: number, to: number) => Promise<Point[]>;
}

/** How the after window compares with one reference window. */
export interface Comparison {
  median: number;
  /** Change of after vs the reference in percent (see `changeOf`); null when the reference is 0 and after is not. */
  changePct: number | null;
  pValue: number;
  /** Rank-biserial correlation of after vs the reference, in [−1, 1]. */
  effect: number;
  samples: number;
}

export interface MetricImpact {
  metric: string;
  polarity: Polarity;
  medianBefore: number | null;
  medianAfter: number | null;
  changePct: number | null;
  pValue: number | null;
  effect: number;
  direction: "up" | "down" | "flat";
  significant: boolean;
  /** Significant, and in the direction the metric's polarity calls worse. */
  regression: boolean;
  samples: { before: number; after: number; dayBefore: number };
  /** The after window against the same window one day earlier, when that day has data. */
  dayBefore: Comparison | null;
  /** Why the metric could not be tested; absent when it was. */
  reason?: string;
}

export interface Impact {
  before: TimeRange;
  after: TimeRange;
  dayBefore: TimeRange;
  /** Every metric, significant regressions first, then other significant changes, then by effect size. */
  movers: MetricImpact[];
}

/**
 * Compares each of a service's metrics in equal windows before the deploy started and after
 * it finished, with a Mann–Whitney U test on the raw values. A change is significant when
 * p < alpha and it moved at least minChangePct — and, when the same window one day earlier
 * has data, when it also differs from that day in the same way. That second test is for
 * seasonality: a morning traffic ramp moves "after" away from "before" by itself, but
 * yesterday's same hour rose the same way, so only a change the deploy brought differs from both.
 * Without that day, a change in the direction the before window was already moving is not counted.
 */
export async function analyzeImpact(input: ImpactInput): Promise<Impact> {
  const span = (input.windowMinutes ?? 30) * MINUTE;
  const afterFrom = input.deploy.finishedAt ?? input.deploy.startedAt;
  const before = { from: input.deploy.startedAt - span, to: input.deploy.startedAt };
  const after = { from: afterFrom, to: afterFrom + span };
  const dayBefore = { from: after.from - DAY, to: after.to - DAY };
  const read = async (metric: string, range: TimeRange) => valuesWithin(await input.pointsFor(metric, range.from, range.to - 1), range);

  const movers = await Promise.all(
    input.metrics.map(async (metric) => {
      const [b, a, d] = await Promise.all([read(metric, before), read(metric, after), read(metric, dayBefore)]);
      return metricImpact(metric, b, a, d, input);
    }),
  );
  return { before, after, dayBefore, movers: movers.sort(byImportance) };
}

/**
 * Judges one metric from its before, after and day-before values (see `analyzeImpact`).
 * Exported for callers that already hold the values.
 */
export function metricImpact(
  metric: string,
  before: readonly number[],
  after: readonly number[],
  dayBefore: readonly number[],
  options: ImpactOptions = {},
): MetricImpact {
  const alpha = options.alpha ?? 0.01;
  const minChangePct = options.minChangePct ?? 5;
  const minSamples = options.minSamples ?? 5;
  const polarity = metricPolarity(metric);
  const base = {
    metric,
    polarity,
    medianBefore: median(before),
    medianAfter: median(after),
    samples: { before: before.length, after: after.length, dayBefore: dayBefore.length },
  };
  if (before.length < minSamples || after.length < minSamples) {
    const [count, side] = before.length < minSamples ? [before.length, "before"] : [after.length, "after"];
    return {
      ...base,
      changePct: null,
      pValue: null,
      effect: 0,
      direction: "flat",
      significant: false,
      regression: false,
      dayBefore: null,
      reason: `${count} point${count === 1 ? "" : "s"} ${side} the deploy, need ${minSamples}`,
    };
  }

  const main = compare(after, before);
  const seasonal = dayBefore.length >= minSamples ? compare(after, dayBefore) : null;
  const direction = main.effect > 0 ? "up" : main.effect < 0 ? "down" : "flat";
  const moved = (c: Comparison) => c.pValue < alpha && exceeds(c.changePct, minChangePct);
  const sameWay = (c: Comparison) => Math.sign(c.effect) === Math.sign(main.effect);
  // Without a day-earlier window, a metric already moving the same way across the before window
  // (its second half against its first) is riding a trend, such as the daily traffic curve.
  const half = before.length >> 1;
  const trend = seasonal === null && half >= minSamples ? compare(before.slice(half), before.slice(0, half)) : null;
  const trending = trend !== null && trend.pValue < alpha && sameWay(trend);
  const significant = direction !== "flat" && moved(main) && (seasonal === null ? !trending : moved(seasonal) && sameWay(seasonal));
  const worse = (direction === "up" && polarity === "higher_is_worse") || (direction === "down" && polarity === "lower_is_worse");
  return {
    ...base,
    changePct: main.changePct,
    pValue: main.pValue,
    effect: main.effect,
    direction,
    significant,
    regression: significant && worse,
    dayBefore: seasonal,
  };
}

function compare(after: readonly number[], reference: readonly number[]): Comparison {
  const test = mannWhitneyU(after, reference);
  return { median: median(reference) as number, changePct: changeOf(reference, after), pValue: test.pValue, effect: test.effect, samples: reference.length };
}

/**
 * Change in percent of |reference|, by medians — unless the medians are equal, as they are for
 * a sparse error counter that sits at 0 with a few spikes; then by means, so the spikes count.
 */
export function changeOf(reference: readonly number[], after: readonly number[]): number | null {
  let from = median(reference) as number;
  let to = median(after) as number;
  if (from === to) {
    from = mean(reference);
    to = mean(after);
  }
  if (from === 0) return to === 0 ? 0 : null;
  return ((to - from) / Math.abs(from)) * 100;
}

// A null change means growth from zero, which is as large as a change gets.
function exceeds(changePct: number | null, threshold: number): boolean {
  return changePct === null || Math.abs(changePct) >= threshold;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The fields movers are ordered by. */
export type MoverRank = Pick<MetricImpact, "metric" | "regression" | "significant" | "effect" | "pValue">;

/** Orders movers: significant regressions first, then other significant changes, then by effect size and p-value. */
export function byImportance(a: MoverRank, b: MoverRank): number {
  return (
    Number(b.regression) - Number(a.regression) ||
    Number(b.significant) - Number(a.significant) ||
    Math.abs(b.effect) - Math.abs(a.effect) ||
    (a.pValue ?? 1) - (b.pValue ?? 1) ||
    a.metric.localeCompare(b.metric)
  );
}
