import { jStat } from "jstat";
import { quantileSorted } from "./quantile";

/** A two-sided confidence interval; either end may be infinite (a one-sided bound). */
export interface Interval {
  lo: number;
  hi: number;
}

/** The standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}

/** Student's t quantile with `dof` degrees of freedom (jStat's inverse of the regularised incomplete beta). */
export function studentQuantile(p: number, dof: number): number {
  return jStat.studentt.inv(p, dof);
}

/** Mean and unbiased (n − 1) variance; variance 0 for fewer than two values. */
export function meanVariance(values: readonly number[]): { mean: number; variance: number } {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  return { mean, variance: n > 1 ? ss / (n - 1) : 0 };
}

/**
 * The Student t interval of a mean at `confidence` (e.g. 0.95); null below two values, where
 * no spread can be estimated.
 */
export function meanInterval(values: readonly number[], confidence: number): Interval | null {
  const n = values.length;
  if (n < 2) return null;
  const { mean, variance } = meanVariance(values);
  const half = studentQuantile(1 - (1 - confidence) / 2, n - 1) * Math.sqrt(variance / n);
  return { lo: mean - half, hi: mean + half };
}

/**
 * The distribution-free interval of the p-quantile from order statistics ("binomial" variant,
 * normal approximation of the ranks, as in Conover's Practical Nonparametric Statistics §3.2):
 * the ranks np ∓ z·√(np(1−p)). An end that falls outside the sample is unbounded, which is
 * how a small sample says it cannot bound a high percentile. Null for an empty sample.
 */
export function quantileInterval(sorted: readonly number[], p: number, confidence: number): Interval | null {
  const n = sorted.length;
  if (n === 0) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const spread = z * Math.sqrt(n * p * (1 - p));
  const loRank = Math.floor(n * p - spread);
  const hiRank = Math.ceil(n * p + spread) + 1;
  return { lo: loRank >= 1 ? sorted[loRank - 1] : -Infinity, hi: hiRank <= n ? sorted[hiRank - 1] : Infinity };
}

/**
 * Welch's interval of mean(after) − mean(before), with Welch–Satterthwaite degrees of freedom;
 * null when either side has fewer than two values.
 */
export function differenceInterval(before: readonly number[], after: readonly number[], confidence: number): Interval | null {
  if (before.length < 2 || after.length < 2) return null;
  const b = meanVariance(before);
  const a = meanVariance(after);
  const vb = b.variance / before.length;
  const va = a.variance / after.length;
  const se = Math.sqrt(va + vb);
  const diff = a.mean - b.mean;
  if (se === 0) return { lo: diff, hi: diff };
  const dof = (va + vb) ** 2 / (va ** 2 / (after.length - 1) + vb ** 2 / (before.length - 1));
  const half = studentQuantile(1 - (1 - confidence) / 2, dof) * se;
  return { lo: diff - half, hi: diff + half };
}

/**
 * The smallest difference of means that a two-sided test at level α = 1 − confidence would
 * detect with the given power on samples this size and spread: (z₁₋α/₂ + z_power)·SE — the
 * usual minimum detectable effect. Null without two values on each side.
 */
export function minimumDetectableDifference(before: readonly number[], after: readonly number[], confidence: number, power = 0.8): number | null {
  if (before.length < 2 || after.length < 2) return null;
  const se = Math.sqrt(meanVariance(before).variance / before.length + meanVariance(after).variance / after.length);
  return (normalQuantile(1 - (1 - confidence) / 2) + normalQuantile(power)) * se;
}

/**
 * Drops `fraction` of the values from each end (a symmetric trim, as a trimmed mean does),
 * returning what is left in ascending order. A fraction that would empty the sample keeps its median.
 */
export function trimmedSorted(values: readonly number[], fraction: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  if (fraction <= 0 || sorted.length === 0) return sorted;
  const cut = Math.floor(sorted.length * fraction);
  if (2 * cut >= sorted.length) return [quantileSorted(sorted, 0.5)!];
  return sorted.slice(cut, sorted.length - cut);
}
