import { describe, expect, it } from "vitest";
import { criteriaRuleSchema } from "./criteria-schema";
import { describeRule, judgeRule, type JudgeOptions } from "./judge-rule";

const rule = (input: Record<string, unknown>) => criteriaRuleSchema.parse({ metric: "auth.api.latency.p95", agg: "max", ...input });
/** Final judgement with one point enough, for the bound arithmetic. */
const atEnd: JudgeOptions = { minSamples: 1, confidence: 0.95, final: true };
const judge = (input: Record<string, unknown>, before: number[], after: number[], options: Partial<JudgeOptions> = {}) =>
  judgeRule(rule(input), before, after, { ...atEnd, ...options });
/** n values around `centre`, spread ±spread deterministically. */
const around = (n: number, centre: number, spread = 1) => Array.from({ length: n }, (_, i) => centre + (((i * 7919) % 101) / 50 - 1) * spread);

describe("describeRule", () => {
  it("reads like the bound it checks", () => {
    expect(describeRule(rule({ below: 1 }))).toBe("max < 1");
    expect(describeRule(rule({ above: 0.5 }))).toBe("max > 0.5");
    expect(describeRule(rule({ above: 1, below: 5 }))).toBe("1 < max < 5");
    expect(describeRule(rule({ agg: "p95", maxIncreasePct: 20 }))).toBe("p95 ≤ baseline +20%");
    expect(describeRule(rule({ below: 9, maxDecreasePct: 10 }))).toBe("max < 9 and max ≥ baseline −10%");
    expect(describeRule(rule({ agg: "avg", direction: "either", tolerancePct: 5, critical: true }))).toBe("avg ≤ baseline +5% and avg ≥ baseline −5% (critical)");
    expect(describeRule(rule({ agg: "avg", direction: "increase", baselineMetric: "auth.prod.latency" }))).toBe("avg ≤ auth.prod.latency +0%");
  });
});

describe("judgeRule: the bounds", () => {
  it("passes and fails absolute bounds strictly", () => {
    expect(judge({ below: 1 }, [], [0.2, 0.9]).passed).toBe(true);
    expect(judge({ below: 1 }, [], [0.2, 1])).toMatchObject({ passed: false, outcome: "fail", after: 1, before: null, reason: "max 1 is not below 1" });
    expect(judge({ agg: "min", above: 10 }, [], [12, 10]).reason).toBe("min 10 is not above 10");
  });
  it("compares relative bounds with the baseline", () => {
    expect(judge({ agg: "avg", maxIncreasePct: 20 }, [100], [120])).toMatchObject({ before: 100, after: 120, changePct: 20, passed: true });
    expect(judge({ agg: "avg", maxIncreasePct: 20 }, [100], [125])).toMatchObject({ changePct: 25, passed: false, reason: "avg rose 25% from baseline 100 (limit +20%)" });
    expect(judge({ agg: "avg", maxDecreasePct: 10 }, [200], [150])).toMatchObject({ changePct: -25, passed: false, reason: "avg fell 25% from baseline 200 (limit −10%)" });
  });
  it("allows no rise over a zero baseline and reports it without a percentage", () => {
    expect(judge({ agg: "sum", maxIncreasePct: 50 }, [0, 0], [0]).passed).toBe(true);
    expect(judge({ agg: "sum", maxIncreasePct: 50 }, [0], [3])).toMatchObject({ changePct: null, passed: false, reason: "sum went from 0 to 3 from baseline 0 (limit +50%)" });
  });
  it("reads a negative baseline the right way round", () => {
    expect(judge({ agg: "avg", maxIncreasePct: 10 }, [-100], [-80])).toMatchObject({ changePct: 20, passed: false });
  });
  it("lets a significant move within the tolerance pass, and an insignificant one beyond it too", () => {
    const within = judge({ agg: "avg", direction: "increase", tolerancePct: 10 }, around(200, 100, 1), around(200, 105, 1), { minSamples: 50 });
    expect(within).toMatchObject({ passed: true, outcome: "pass" });
    const noisy = judge({ agg: "avg", direction: "increase", tolerancePct: 10 }, around(60, 100, 80), around(60, 115, 80), { minSamples: 50 });
    expect(noisy.changePct).toBeGreaterThan(10);
    expect(noisy.passed).toBe(true);
    const beyond = judge({ agg: "avg", direction: "increase", tolerancePct: 10 }, around(200, 100, 1), around(200, 120, 1), { minSamples: 50 });
    expect(beyond).toMatchObject({ passed: false, outcome: "fail" });
  });
  it("judges only the bad direction", () => {
    expect(judge({ agg: "avg", direction: "increase" }, around(100, 100), around(100, 50), { minSamples: 50 }).passed).toBe(true);
    expect(judge({ agg: "avg", direction: "decrease" }, around(100, 100), around(100, 50), { minSamples: 50 }).passed).toBe(false);
    expect(judge({ agg: "avg", direction: "either" }, around(100, 100), around(100, 150), { minSamples: 50 }).passed).toBe(false);
  });
  it("trims outliers before aggregating when asked", () => {
    const spiky = [...around(98, 10, 0.5), 10_000, 9_000];
    expect(judge({ agg: "avg", below: 20 }, [], spiky).passed).toBe(false);
    expect(judge({ agg: "avg", below: 20, trimPct: 2 }, [], spiky).passed).toBe(true);
  });
});

describe("judgeRule: evidence", () => {
  it("stays pending while the window is open, however good the points look", () => {
    const early = judge({ agg: "avg", below: 100 }, [], around(500, 10), { final: false, minSamples: 50 });
    expect(early).toMatchObject({ passed: null, outcome: "pending", leaning: "pass", reason: "500 points in the window, need 50 so far" });
  });
  it("fails before the window closes once the interval lies beyond the bound", () => {
    const early = judge({ agg: "avg", below: 100 }, [], around(20, 300), { final: false, minSamples: 50 });
    expect(early).toMatchObject({ passed: false, outcome: "fail", leaning: "fail" });
    expect(judge({ below: 100 }, [], [5, 400], { final: false, minSamples: 50 }).outcome).toBe("fail");
    // Noisy and few: leaning fail, but not certain yet.
    const unsure = judge({ agg: "avg", below: 100 }, [], [20, 250, 90], { final: false, minSamples: 50 });
    expect(unsure).toMatchObject({ outcome: "pending", leaning: "fail" });
  });
  it("is inconclusive at the end with too few points, naming what the data could have detected", () => {
    const few = judge({ agg: "avg", maxIncreasePct: 5 }, around(100, 100, 30), around(10, 101, 30), { minSamples: 50 });
    expect(few).toMatchObject({ passed: null, outcome: "inconclusive" });
    expect(few.reason).toMatch(/^10 points in the window, 100 points in the baseline, need 50 each; the smallest change these points could detect is ±\d+(\.\d+)?%$/);
    const absolute = judge({ agg: "avg", below: 10.5 }, [], around(10, 10, 3), { minSamples: 50 });
    expect(absolute).toMatchObject({ outcome: "inconclusive" });
    expect(absolute.reason).toContain("the avg is only known within");
  });
  it("passes with few points when the interval already clears the bound", () => {
    expect(judge({ agg: "avg", below: 1000 }, [], around(10, 10), { minSamples: 50 })).toMatchObject({ passed: true, outcome: "pass" });
  });
  it("is no_data without points, and failed when the rule must have data", () => {
    expect(judge({ below: 1 }, [0.5], [])).toMatchObject({ passed: null, outcome: "no_data", after: null, reason: "no points in the window" });
    expect(judge({ below: 1, mustHaveData: true }, [0.5], [])).toMatchObject({ passed: false, outcome: "fail", reason: "no points in the window (the rule must have data)" });
    expect(judge({ maxIncreasePct: 20 }, [], [5])).toMatchObject({ outcome: "no_data", reason: "no points in the baseline" });
    expect(judge({ below: 1, maxIncreasePct: 20 }, [], [5])).toMatchObject({ passed: false, reason: "max 5 is not below 1" });
  });
  it("lets a rule's own minSamples override the criteria's", () => {
    expect(judge({ agg: "last", below: 1, minSamples: 3 }, [], [0.1, 0.2], { minSamples: 1 })).toMatchObject({ outcome: "inconclusive", reason: "2 points in the window, need 3" });
    expect(judge({ agg: "last", below: 1, minSamples: 3 }, [], [0.1, 0.2, 0.3], { minSamples: 50 }).passed).toBe(true);
  });
});
