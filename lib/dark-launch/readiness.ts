import type { DarkLaunchCriteria } from "./schema";
import type { DarkLaunchFigures } from "@/lib/store/types";
import type { DarkLaunchSummary } from "./summary";

export interface ReadinessVerdict {
  ready: boolean;
  status: "ready" | "not_ready" | "insufficient_data";
  reasons: string[];
}

/** The time range a readiness verdict looks at: the last `windowHours` before `now`. */
export function readinessWindow(criteria: DarkLaunchCriteria, now: number): { from: number; to: number } {
  return { from: now - criteria.windowHours * 3_600_000, to: now };
}

/**
 * Whether the candidate may take production traffic, judged on a summary of the criteria's window:
 * enough samples, a match rate at or above the bar, and a candidate p95 within the allowed ratio of
 * the primary's. Reasons name what failed, or what passed when it is ready.
 */
export function assessReadiness(summary: DarkLaunchSummary<DarkLaunchFigures>, criteria: DarkLaunchCriteria): ReadinessVerdict {
  const window = `in the last ${criteria.windowHours} h`;
  if (summary.mirrored === 0 || summary.mirrored < criteria.minSamples) {
    return { ready: false, status: "insufficient_data", reasons: [`${summary.mirrored} of ${criteria.minSamples} samples needed ${window}`] };
  }
  const passed: string[] = [];
  const failed: string[] = [];
  const matchRate = summary.matchRate ?? 0;
  const matchLine = `match rate ${percent(matchRate)} ${matchRate >= criteria.minMatchRate ? "≥" : "<"} ${percent(criteria.minMatchRate)} over ${summary.mirrored} samples`;
  (matchRate >= criteria.minMatchRate ? passed : failed).push(matchLine);

  const primaryP95 = summary.primary.p95Ms;
  const candidateP95 = summary.candidate.p95Ms;
  if (candidateP95 === null || primaryP95 === null) failed.push("no candidate latency measured: every mirrored request failed");
  else {
    const ratio = primaryP95 > 0 ? candidateP95 / primaryP95 : candidateP95 > 0 ? Infinity : 1;
    const line = `candidate p95 ${ms(candidateP95)} is ${ratio === Infinity ? "∞" : ratio.toFixed(2)}× the primary's ${ms(primaryP95)} (max ${criteria.maxP95Ratio}×)`;
    (ratio <= criteria.maxP95Ratio ? passed : failed).push(line);
  }
  return failed.length > 0 ? { ready: false, status: "not_ready", reasons: failed } : { ready: true, status: "ready", reasons: passed };
}

function percent(share: number): string {
  return `${Number((share * 100).toFixed(3))}%`;
}

function ms(value: number): string {
  return `${Number(value.toFixed(1))} ms`;
}
