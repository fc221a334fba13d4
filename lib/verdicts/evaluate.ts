import type { VerdictStatus } from "@/lib/deploys/schema";
import type { Point } from "@/lib/store/types";
import { type TimeRange, valuesWithin } from "@/lib/time/time-range";
import type { Criteria } from "./criteria-schema";
import { judgeRule, type RuleEvidence } from "./judge-rule";

const MINUTE = 60_000;

export interface DeployTimes {
  startedAt: number;
  finishedAt: number | null;
}

export interface Verdict {
  status: VerdictStatus;
  /** When the judgement window closes; the verdict is final from then on. */
  windowEndsAt: number;
  window: TimeRange;
  baseline: TimeRange;
  /** One entry per rule, in the criteria's order; empty while pending. */
  evidence: RuleEvidence[];
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
 * in neither.
 */
export function verdictWindows(criteria: Criteria, deploy: DeployTimes): { window: TimeRange; baseline: TimeRange } {
  const opens = deploy.finishedAt ?? deploy.startedAt;
  return {
    window: { from: opens, to: opens + criteria.windowMinutes * MINUTE },
    baseline: { from: deploy.startedAt - criteria.baselineMinutes * MINUTE, to: deploy.startedAt },
  };
}

/**
 * Combines rule outcomes into a deploy's status: any failed rule of severity `failed` →
 * failed; else any failed `degraded` rule → degraded; else any rule without data → no_data
 * (never healthy by default); else healthy.
 */
export function combineEvidence(evidence: readonly RuleEvidence[]): VerdictStatus {
  if (evidence.some((e) => e.passed === false && e.severity === "failed")) return "failed";
  if (evidence.some((e) => e.passed === false)) return "degraded";
  if (evidence.some((e) => e.passed === null)) return "no_data";
  return "healthy";
}

/**
 * Judges a deploy against its service's criteria. Returns null when the service has no
 * criteria: a deploy nobody set expectations for has no verdict, rather than a healthy one.
 * Until the judgement window closes the status is `pending` and no data is read.
 */
export async function evaluateVerdict({ criteria, deploy, now, pointsFor }: VerdictInput): Promise<Verdict | null> {
  if (!criteria || criteria.rules.length === 0) return null;
  const { window, baseline } = verdictWindows(criteria, deploy);
  const frame = { windowEndsAt: window.to, window, baseline };
  if (now < window.to) return { status: "pending", ...frame, evidence: [] };

  const cache = new Map<string, Promise<number[]>>();
  const valuesIn = (metric: string, range: TimeRange) => {
    const key = `${metric}\u0000${range.from}\u0000${range.to}`;
    let values = cache.get(key);
    if (!values) {
      // The source may hand back neighbouring points (an inclusive edge), so trim to the range.
      values = pointsFor(metric, range.from, range.to - 1).then((points) => valuesWithin(points, range));
      cache.set(key, values);
    }
    return values;
  };
  const evidence = await Promise.all(
    criteria.rules.map(async (rule) => {
      const [before, after] = await Promise.all([valuesIn(rule.metric, baseline), valuesIn(rule.metric, window)]);
      return judgeRule(rule, before, after);
    }),
  );
  return { status: combineEvidence(evidence), ...frame, evidence };
}
