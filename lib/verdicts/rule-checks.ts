import { mannWhitneyU } from "@/lib/stats/mann-whitney";
import { differenceInterval, meanInterval, meanVariance, minimumDetectableDifference, quantileInterval, type Interval } from "@/lib/stats/interval";
import type { CriteriaRule } from "./criteria-schema";

/** One bound of a rule, checked on what has arrived so far. */
export interface BoundCheck {
  /** The point estimate breaks the bound (for a relative bound: significantly, and beyond the tolerance). */
  failing: boolean;
  /** The confidence interval lies wholly on the failing side: no further data can make it pass. */
  certainFail: boolean;
  /** The confidence interval lies wholly on the passing side. */
  certainPass: boolean;
  /** What failing means, as a person reads it. */
  reason: string;
  /** The interval the check used, in the units of the figure it bounds (percent for a relative bound). */
  interval: Interval | null;
  /** The smallest move the data could have told apart, as a phrase; null when none can be named. */
  detectable: string | null;
}

/** The samples a rule's checks see: trimmed and sorted, with their aggregates. */
export interface RuleSamples {
  before: readonly number[];
  after: readonly number[];
  beforeAgg: number | null;
  afterAgg: number | null;
  confidence: number;
}

/** The tolerated relative increase and decrease (percent), from maxIncreasePct/maxDecreasePct or direction + tolerancePct. */
export function tolerances(rule: CriteriaRule): { increase?: number; decrease?: number } {
  if (rule.direction === undefined) return { increase: rule.maxIncreasePct, decrease: rule.maxDecreasePct };
  const tolerance = rule.tolerancePct ?? 0;
  return {
    increase: rule.direction === "decrease" ? undefined : tolerance,
    decrease: rule.direction === "increase" ? undefined : tolerance,
  };
}

/** The interval of an aggregate over sorted values, where one is known: t for avg, order statistics for p95, one-sided for an untrimmed max/min. */
function aggregateInterval(rule: CriteriaRule, sorted: readonly number[], value: number, confidence: number): Interval | null {
  switch (rule.agg) {
    case "avg":
      return meanInterval(sorted, confidence);
    case "p95":
      return quantileInterval(sorted, 0.95, confidence);
    // More points can only raise a max (or lower a min), so what is seen bounds it on one side.
    case "max":
      return rule.trimPct === 0 ? { lo: value, hi: Infinity } : null;
    case "min":
      return rule.trimPct === 0 ? { lo: -Infinity, hi: value } : null;
    default:
      return null;
  }
}

/** The absolute bounds (`below`, `above`) of a rule on the window's values. */
export function absoluteChecks(rule: CriteriaRule, s: RuleSamples): BoundCheck[] {
  if (s.afterAgg === null) return [];
  const after = s.afterAgg;
  const interval = aggregateInterval(rule, s.after, after, s.confidence);
  const known = interval && Number.isFinite(interval.lo) && Number.isFinite(interval.hi) ? `the ${rule.agg} is only known within ${fmt(interval.lo)}…${fmt(interval.hi)}` : null;
  const checks: BoundCheck[] = [];
  if (rule.below !== undefined) {
    checks.push({
      failing: !(after < rule.below),
      certainFail: interval !== null && interval.lo >= rule.below,
      certainPass: interval !== null && interval.hi < rule.below,
      reason: `${rule.agg} ${fmt(after)} is not below ${rule.below}`,
      interval,
      detectable: known,
    });
  }
  if (rule.above !== undefined) {
    checks.push({
      failing: !(after > rule.above),
      certainFail: interval !== null && interval.hi <= rule.above,
      certainPass: interval !== null && interval.lo > rule.above,
      reason: `${rule.agg} ${fmt(after)} is not above ${rule.above}`,
      interval,
      detectable: known,
    });
  }
  return checks;
}

/**
 * The relative bounds of a rule against its baseline. A move beyond the tolerance fails only
 * when it is also statistically significant (Welch's interval for avg, a Mann–Whitney U test
 * for the other aggregations) — a significant move within the tolerance passes, as Kayenta's
 * effect-size setting does.
 */
export function relativeChecks(rule: CriteriaRule, s: RuleSamples): BoundCheck[] {
  const { increase, decrease } = tolerances(rule);
  if ((increase === undefined && decrease === undefined) || s.beforeAgg === null || s.afterAgg === null) return [];
  const before = s.beforeAgg;
  const after = s.afterAgg;
  const scale = Math.abs(before);
  const change = changePct(before, after);
  const moved = change === null ? `went from 0 to ${fmt(after)}` : `${change >= 0 ? "rose" : "fell"} ${fmt(Math.abs(change))}%`;
  const difference = rule.agg === "avg" ? differenceInterval(s.before, s.after, s.confidence) : null;
  const pct = difference && scale > 0 ? { lo: (difference.lo / scale) * 100, hi: (difference.hi / scale) * 100 } : null;
  const significant = significance(rule, s, difference);
  const mdd = minimumDetectableDifference(s.before, s.after, s.confidence);
  const meanBefore = s.before.length > 0 ? Math.abs(meanVariance(s.before).mean) : 0;
  const detectable = mdd !== null && meanBefore > 0 ? `the smallest change these points could detect is ±${fmt((mdd / meanBefore) * 100)}%` : null;
  const checks: BoundCheck[] = [];
  // Limits scale with |before| so that a negative baseline still reads the right way round,
  // and a zero baseline allows no rise at all rather than dividing by zero.
  if (increase !== undefined) {
    checks.push({
      failing: after > before + (scale * increase) / 100 && significant.increase,
      certainFail: pct !== null && pct.lo > increase,
      certainPass: pct !== null && pct.hi <= increase,
      reason: `${rule.agg} ${moved} from baseline ${fmt(before)} (limit +${increase}%)`,
      interval: pct,
      detectable,
    });
  }
  if (decrease !== undefined) {
    checks.push({
      failing: after < before - (scale * decrease) / 100 && significant.decrease,
      certainFail: pct !== null && pct.hi < -decrease,
      certainPass: pct !== null && pct.lo >= -decrease,
      reason: `${rule.agg} ${moved} from baseline ${fmt(before)} (limit −${decrease}%)`,
      interval: pct,
      detectable,
    });
  }
  return checks;
}

// With fewer than two points a side there is no spread to test against: any move counts, as before the tests existed.
function significance(rule: CriteriaRule, s: RuleSamples, difference: Interval | null): { increase: boolean; decrease: boolean } {
  if (s.before.length < 2 || s.after.length < 2) return { increase: true, decrease: true };
  if (difference) return { increase: difference.lo > 0, decrease: difference.hi < 0 };
  const test = mannWhitneyU(s.after, s.before);
  const significant = test.pValue < 1 - s.confidence;
  // max, min, last and sum can move while the bulk of the values does not; the aggregate's own move then counts.
  const extreme = rule.agg !== "p95";
  return { increase: significant ? test.effect > 0 : extreme, decrease: significant ? test.effect < 0 : extreme };
}

/** after vs before in percent of |before|; null when either is missing, or before is 0 and after is not. */
export function changePct(before: number | null, after: number | null): number | null {
  if (before === null || after === null) return null;
  if (before === 0) return after === 0 ? 0 : null;
  return ((after - before) / Math.abs(before)) * 100;
}

export function fmt(value: number): string {
  return String(+value.toPrecision(4));
}
