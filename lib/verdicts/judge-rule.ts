import { trimmedSorted } from "@/lib/stats/interval";
import { aggregate } from "./aggregate";
import type { CriteriaRule, RuleSeverity, VerdictAgg } from "./criteria-schema";
import { absoluteChecks, changePct, relativeChecks, tolerances, type BoundCheck } from "./rule-checks";

/** Where a rule stands: decided (pass, fail), still open (pending), or closed without a decision. */
export type RuleOutcome = "pass" | "fail" | "pending" | "inconclusive" | "no_data";

/** What one rule found: the figures it compared and whether they passed. */
export interface RuleEvidence {
  metric: string;
  agg: VerdictAgg;
  /** The rule as a person reads it, e.g. `max < 1` or `p95 ≤ baseline +20%`. */
  rule: string;
  /** The aggregate over the baseline; null without baseline points. */
  before: number | null;
  /** The aggregate over the judgement window so far; null without points. */
  after: number | null;
  /** after vs before in percent of |before|; null when either is missing or before is 0 and after is not. */
  changePct: number | null;
  /** true / false once decided; null while pending or when the rule could not be judged. */
  passed: boolean | null;
  outcome: RuleOutcome;
  /** Which way the figures so far point, decided or not; null without points. */
  leaning: "pass" | "fail" | null;
  severity: RuleSeverity;
  critical: boolean;
  group: string;
  /** The concurrent baseline's metric, when the rule compares with one instead of the time before the deploy. */
  baselineMetric?: string;
  samples: { before: number; after: number };
  /** Points each side needs before the rule may pass on its point estimate. */
  needed: number;
  /** Why the rule failed or could not be judged, or what it still waits for; absent when it passed. */
  reason?: string;
}

export interface JudgeOptions {
  /** Points needed per side (the criteria's minSamples, unless the rule sets its own). */
  minSamples: number;
  confidence: number;
  /** The window has closed: undecided rules become inconclusive (or no_data) instead of pending. */
  final: boolean;
}

/** Describes a rule as a person reads it: `max < 1`, `1 < avg < 5`, `p95 ≤ baseline +20%`. */
export function describeRule(rule: CriteriaRule): string {
  const parts: string[] = [];
  if (rule.above !== undefined && rule.below !== undefined) parts.push(`${rule.above} < ${rule.agg} < ${rule.below}`);
  else if (rule.below !== undefined) parts.push(`${rule.agg} < ${rule.below}`);
  else if (rule.above !== undefined) parts.push(`${rule.agg} > ${rule.above}`);
  const { increase, decrease } = tolerances(rule);
  const baseline = rule.baselineMetric ?? "baseline";
  if (increase !== undefined) parts.push(`${rule.agg} ≤ ${baseline} +${increase}%`);
  if (decrease !== undefined) parts.push(`${rule.agg} ≥ ${baseline} −${decrease}%`);
  const text = parts.join(" and ");
  return rule.critical ? `${text} (critical)` : text;
}

/**
 * Judges one rule on the values of the baseline and of the judgement window so far (each
 * oldest first). A bound decides as soon as its confidence interval lies wholly on one side;
 * otherwise it waits for `minSamples` points a side and then goes by the point estimate. Only
 * failures are decided before the window closes — a pass is final at the window's end, so an
 * early look never calls a deploy healthy. At the end, a rule short of evidence is
 * `inconclusive` (naming the smallest change its points could have detected), one without
 * points `no_data` — or failed, when it must have data.
 */
export function judgeRule(rule: CriteriaRule, baseline: readonly number[], window: readonly number[], options: JudgeOptions): RuleEvidence {
  const needed = rule.minSamples ?? options.minSamples;
  const trim = rule.trimPct / 100;
  const before = trimmedSorted(baseline, trim);
  const after = trimmedSorted(window, trim);
  // `last` is about order, which trimming and sorting lose.
  const value = (raw: readonly number[], kept: readonly number[]) => (rule.agg === "last" ? aggregate(raw, "last") : aggregate(kept, rule.agg));
  const beforeAgg = value(baseline, before);
  const afterAgg = value(window, after);
  const relative = tolerances(rule).increase !== undefined || tolerances(rule).decrease !== undefined;
  const samples = { before, after, beforeAgg, afterAgg, confidence: options.confidence };
  const checks = [...absoluteChecks(rule, samples), ...relativeChecks(rule, samples)];
  const evidence: RuleEvidence = {
    metric: rule.metric,
    agg: rule.agg,
    rule: describeRule(rule),
    before: beforeAgg,
    after: afterAgg,
    changePct: changePct(beforeAgg, afterAgg),
    passed: null,
    outcome: "pending",
    leaning: afterAgg === null ? null : checks.some((c) => c.failing || c.certainFail) ? "fail" : "pass",
    severity: rule.severity,
    critical: rule.critical,
    group: rule.group ?? "default",
    ...(rule.baselineMetric && { baselineMetric: rule.baselineMetric }),
    samples: { before: baseline.length, after: window.length },
    needed,
  };
  const certain = checks.filter((c) => c.certainFail);
  if (certain.length > 0) return { ...evidence, passed: false, outcome: "fail", reason: reasons(certain) };

  const missing = window.length === 0 ? "window" : relative && baseline.length === 0 ? "baseline" : null;
  if (!options.final) return { ...evidence, reason: waitingFor(evidence, relative, missing) };
  if (missing) {
    const reason = `no points in the ${missing}`;
    return rule.mustHaveData ? { ...evidence, passed: false, outcome: "fail", reason: `${reason} (the rule must have data)` } : { ...evidence, outcome: "no_data", reason };
  }
  const enough = window.length >= needed && (!relative || baseline.length >= needed);
  const decided = checks.map((c) => (c.certainPass ? "pass" : enough ? (c.failing ? "fail" : "pass") : "open"));
  const failed = checks.filter((_, i) => decided[i] === "fail");
  if (failed.length > 0) return { ...evidence, passed: false, outcome: "fail", reason: reasons(failed) };
  if (decided.every((d) => d === "pass")) return { ...evidence, passed: true, outcome: "pass" };
  const open = checks.filter((_, i) => decided[i] === "open");
  const detectable = open.map((c) => c.detectable).find((d) => d !== null);
  return { ...evidence, outcome: "inconclusive", reason: `${shortOf(evidence, relative)}${detectable ? `; ${detectable}` : ""}` };
}

function reasons(checks: BoundCheck[]): string {
  return checks.map((c) => c.reason).join("; ");
}

function waitingFor(evidence: RuleEvidence, relative: boolean, missing: "window" | "baseline" | null): string {
  if (missing) return `no points in the ${missing} yet`;
  return `${shortOf(evidence, relative)} so far`;
}

function shortOf(evidence: RuleEvidence, relative: boolean): string {
  const count = (n: number, where: string) => `${n} point${n === 1 ? "" : "s"} in the ${where}`;
  const parts = [count(evidence.samples.after, "window")];
  if (relative) parts.push(count(evidence.samples.before, "baseline"));
  return `${parts.join(", ")}, need ${evidence.needed}${relative ? " each" : ""}`;
}
