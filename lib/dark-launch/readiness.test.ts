import { describe, expect, it } from "vitest";
import { assessReadiness, readinessWindow } from "./readiness";
import { darkLaunchCriteriaSchema } from "./schema";
import { summarizeSamples, type SummarySample } from "./summary";

const criteria = darkLaunchCriteriaSchema.parse({});
const rows = (n: number, mismatches: number, candidateMs = 11): SummarySample[] =>
  Array.from({ length: n }, (_, i) => ({
    ts: i,
    method: "GET",
    path: "/a",
    endpoint: "GET /a",
    primaryStatus: 200,
    candidateStatus: 200,
    match: i >= mismatches,
    primaryMs: 10,
    candidateMs,
    candidateError: null,
    diff: null,
  }));

describe("assessReadiness", () => {
  it("uses the team defaults", () => {
    expect(criteria).toEqual({ minMatchRate: 0.999, maxP95Ratio: 1.2, windowHours: 24, minSamples: 100 });
    expect(readinessWindow(criteria, 100_000_000)).toEqual({ from: 100_000_000 - 86_400_000, to: 100_000_000 });
  });

  it("wants enough samples first", () => {
    expect(assessReadiness(summarizeSamples(rows(99, 0)), criteria)).toEqual({
      ready: false,
      status: "insufficient_data",
      reasons: ["99 of 100 samples needed in the last 24 h"],
    });
  });

  it("is ready when matches and latency meet the bar", () => {
    const verdict = assessReadiness(summarizeSamples(rows(1000, 1)), criteria);
    expect(verdict).toEqual({
      ready: true,
      status: "ready",
      reasons: ["match rate 99.9% ≥ 99.9% over 1000 samples", "candidate p95 11 ms is 1.10× the primary's 10 ms (max 1.2×)"],
    });
  });

  it("names every criterion it misses", () => {
    const verdict = assessReadiness(summarizeSamples(rows(1000, 2, 13)), criteria);
    expect(verdict.status).toBe("not_ready");
    expect(verdict.reasons).toEqual(["match rate 99.8% < 99.9% over 1000 samples", "candidate p95 13 ms is 1.30× the primary's 10 ms (max 1.2×)"]);
  });

  it("is not ready when the candidate never answered", () => {
    const failing = rows(200, 200).map((r) => ({ ...r, candidateStatus: null, candidateMs: null, candidateError: "ECONNREFUSED" }));
    expect(assessReadiness(summarizeSamples(failing), criteria).reasons).toContain("no candidate latency measured: every mirrored request failed");
  });
});
