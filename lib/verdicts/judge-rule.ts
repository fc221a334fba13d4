import { aggregate } from "./aggregate";
import type { CriteriaRule, RuleSeverity, VerdictAgg } from "./criteria-schema";

/** What one rule found: the figures it compared and whether they passed. */
export interface RuleEvidence {
  metric: string;
  agg: VerdictAgg;
  /** The rule as a person reads it, e.g. `max < 1` or `p95 ≤ baseline +20%`. */
  rule: string;
  /** The aggregate over the baseline before the deploy; null without baseline points. */
  before: number | null;
  /** The aggregate over the judgement window after the deploy; null without points. */
  after: number | null;
  /** after vs before in percent of |before|; null when either is missing or before is 0 and after is not. */
  changePct: number | null;
  /** null when the rule could not be judged for lack of data. */
  passed: boolean | null;
  severity: RuleSeverity;
  samples: { before: number; after: number };
  /** Why the rule failed or could not be judged; absent when it passed. */
  reason?: string;
}

/** Describes a rule as a person reads it: `max < 1`, `1 < avg < 5`, `p95 ≤ baseline +20%`. */
export function describeRule(rule: CriteriaRule): string {
  const parts: string[] = [];
  if (rule.above !== undefined && rule.below !== undefined) parts.push(`${rule.above} < ${rule.agg} < ${rule.below}`);
  else if (rule.below !== undefined) parts.push(`${rule.agg} < ${rule.below}`);
  else if (rule.above !== undefined) parts.push(`${rule.agg} > ${rule.above}`);
  if (rule.maxIncreasePct !== undefined) parts.push(`${rule.agg} ≤ baseline +${rule.maxIncreasePct}%`);
  if (rule.maxDecreasePct !== undefined) parts.push(`${rule.agg} ≥ baseline −${rule.maxDecreasePct}%`);
  return parts.join(" and ");
}

/**
 * Judges one rule on the values of the baseline and of the judgement window (each oldest
 * first). A rule that lacks the data it needs is not passed (`passed: null`) — unless a bound
 * it could check already failed, which is enough to fail it.
 */
export function judgeRule(rule: CriteriaRule, baseline: readonly number[], window: readonly number[]): RuleEvidence {
  const minSamples = rule.minSamples ?? 1;
  const before = baseline.length >= minSamples ? aggregate(baseline, rule.agg) : null;
  const after = window.length >= minSamples ? aggregate(window, rule.agg) : null;
  const evidence: RuleEvidence = {
    metric: rule.metric,
    agg: rule.agg,
    rule: describeRule(rule),
    before,
    after,
    changePct: changePct(before, after),
    passed: null,
    severity: rule.severity,
    samples: { before: baseline.length, after: window.length },
  };
  if (after === null) return { ...evidence, reason: shortOf("window", window.length, minSamples) };

  const failures = absoluteFailures(rule, after);
  const relative = rule.maxIncreasePct !== undefined || rule.maxDecreasePct !== undefined;
  if (relative && before !== null) failures.push(...relativeFailures(rule, before, after));
  if (failures.length > 0) return { ...evidence, passed: false, reason: failures.join("; ") };
  if (relative && before === null) return { ...evidence, reason: shortOf("baseline", baseline.length, minSamples) };
  return { ...evidence, passed: true };
}

function absoluteFailures(rule: CriteriaRule, after: number): string[] {
  const failures: string[] = [];
  if (rule.below !== undefined && !(after < rule.below)) failures.push(`${rule.agg} ${fmt(after)} is not below ${rule.below}`);
  if (rule.above !== undefined && !(after > rule.above)) failures.push(`${rule.agg} ${fmt(after)} is not above ${rule.above}`);
  return failures;
}

// Limits scale with |before| so that a negative baseline still reads the right way round,
// and a zero baseline allows no change at all rather than dividing by zero.
function relativeFailures(rule: CriteriaRule, before: number, after: number): string[] {
  const failures: string[] = [];
  const change = changePct(before, after);
  const moved = change === null ? `went from 0 to ${fmt(after)}` : `${change >= 0 ? "rose" : "fell"} ${fmt(Math.abs(change))}%`;
  if (rule.maxIncreasePct !== undefined && after > before + (Math.abs(before) * rule.maxIncreasePct) / 100) {
    failures.push(`${rule.agg} ${moved} from baseline ${fmt(before)} (limit +${rule.maxIncreasePct}%)`);
  }
  if (rule.maxDecreasePct !== undefined && after < before - (Math.abs(before) * rule.maxDecreasePct) / 100) {
    failures.push(`${rule.agg} ${moved} from baseline ${fmt(before)} (limit −${rule.maxDecreasePct}%)`);
  }
  return failures;
}

function changePct(before: number | null, after: number | null): number | null {
  if (before === null || after === null) return null;
  if (before === 0) return after === 0 ? 0 : null;
  return ((after - before) / Math.abs(before)) * 100;
}

function shortOf(where: "window" | "baseline", count: number, needed: number): string {
  if (count === 0) return `no points in the ${where}`;
  return `${count} point${count === 1 ? "" : "s"} in the ${where}, need ${needed}`;
}

function fmt(value: number): string {
  return String(+value.toPrecision(4));
}
