import type { VerdictStatus } from "@/lib/deploys/schema";
import type { Point } from "@/lib/store/types";
import { type TimeRange, valuesWithin } from "@/lib/time/time-range";
import type { Criteria } from "./criteria-schema";
import { judgeRule, type RuleEvidence } from "./judge-rule";
import { scoreVerdict, type VerdictScore } from "./score";

const MINUTE = 60_000;

export interface DeployTimes {
  startedAt: number;
  finishedAt: number | null;
}

export interface Verdict {
  status: VerdictStatus;
  /** When the judgement window closes; a pass is final from then on (a failure may be final sooner). */
  windowEndsAt: number;
  window: TimeRange;
  baseline: TimeRange;
  /** How far the window has run: for a pipeline waiting on the verdict. */
  progress: VerdictProgress;
  /** One entry per rule, in the criteria's order; empty before the window opens. */
  evidence: RuleEvidence[];
  score: VerdictScore;
}

export interface VerdictProgress {
  elapsedMs: number;
  windowMs: number;
  /** The fewest window points any rule has, and what each rule needs. */
  points: number;
  needed: number;
}

export interface VerdictInput {
  /** The service's criteria; none means there is nothing to judge by. */
  criteria: Criteria | null | undefined;
  deploy: DeployTimes;
  now: number;
  /** Raw points of a metric with from ≤ ts ≤ to (inclusive, as `Store.rawPoints`), oldest first. */
  pointsFor: (metric: string, from: number, to: number) => Promise<Point[]>;
}

/**
 * The windows a verdict compares: the judgement window opens when the deploy finished (or
 * started, while it has no finish) and lasts `windowMinutes`; the baseline is the
 * `baselineMinutes` just before the deploy started, so a rolling deploy's own transition is
 * in neither. A rule with a `baselineMetric` compares with that metric over the window instead.
 */
export function verdictWindows(criteria: Criteria, deploy: DeployTimes): { window: TimeRange; baseline: TimeRange } {
  const opens = deploy.finishedAt ?? deploy.startedAt;
  return {
    window: { from: opens, to: opens + criteria.windowMinutes * MINUTE },
    baseline: { from: deploy.startedAt - criteria.baselineMinutes * MINUTE, to: deploy.startedAt },
  };
}

/**
 * Combines rule outcomes into a deploy's status. A failed critical rule fails the deploy at
 * once, whatever else holds. Before the window closes the status is `pending` unless a
 * failed-severity rule has certainly failed (and the score does not decide). At the end, with
 * score bands set, the band decides (pass → healthy, marginal → degraded, else failed);
 * otherwise any failed `failed` rule → failed, any other failure → degraded; then a rule
 * without data → no_data, one short of evidence → inconclusive; else healthy.
 */
export function combineEvidence(evidence: readonly RuleEvidence[], final: boolean, score: VerdictScore): VerdictStatus {
  if (evidence.some((e) => e.critical && e.passed === false)) return "failed";
  const failedRule = evidence.some((e) => e.passed === false && e.severity === "failed");
  if (!final) return failedRule && !score.decides ? "failed" : "pending";
  if (!score.decides) {
    if (failedRule) return "failed";
    if (evidence.some((e) => e.passed === false)) return "degraded";
  }
  if (evidence.some((e) => e.outcome === "no_data")) return "no_data";
  if (evidence.some((e) => e.outcome === "inconclusive")) return "inconclusive";
  if (score.decides) return score.band === "pass" ? "healthy" : score.band === "marginal" ? "degraded" : "failed";
  return "healthy";
}

/**
 * Judges a deploy against its service's criteria on the points that have arrived by `now`.
 * Returns null when the service has no criteria: a deploy nobody set expectations for has no
 * verdict, rather than a healthy one.
 */
export async function evaluateVerdict({ criteria, deploy, now, pointsFor }: VerdictInput): Promise<Verdict | null> {
  if (!criteria || criteria.rules.length === 0) return null;
  const { window, baseline } = verdictWindows(criteria, deploy);
  const windowMs = window.to - window.from;
  const final = now >= window.to;
  const seen = { from: window.from, to: Math.min(window.to, Math.max(window.from, now)) };

  const cache = new Map<string, Promise<number[]>>();
  const valuesIn = (metric: string, range: TimeRange) => {
    if (range.to <= range.from) return Promise.resolve([]);
    const key = `${metric}\u0000${range.from}\u0000${range.to}`;
    let values = cache.get(key);
    if (!values) {
      // The source may hand back neighbouring points (an inclusive edge), so trim to the range.
      values = pointsFor(metric, range.from, range.to - 1).then((points) => valuesWithin(points, range));
      cache.set(key, values);
    }
    return values;
  };
  const options = { minSamples: criteria.minSamples, confidence: criteria.confidence, final };
  const evidence = await Promise.all(
    criteria.rules.map(async (rule) => {
      const control = rule.baselineMetric ? valuesIn(rule.baselineMetric, seen) : valuesIn(rule.metric, baseline);
      const [before, after] = await Promise.all([control, valuesIn(rule.metric, seen)]);
      return judgeRule(rule, before, after, options);
    }),
  );
  const score = scoreVerdict(criteria, evidence);
  const progress = {
    elapsedMs: seen.to - seen.from,
    windowMs,
    points: Math.min(...evidence.map((e) => e.samples.after)),
    needed: Math.max(...evidence.map((e) => e.needed)),
  };
  return { status: combineEvidence(evidence, final, score), windowEndsAt: window.to, window, baseline, progress, evidence, score };
}
