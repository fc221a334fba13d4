import { describe, expect, it } from "vitest";
import { criteriaRuleSchema } from "./criteria-schema";
import { describeRule, judgeRule } from "./judge-rule";

const rule = (input: Record<string, unknown>) => criteriaRuleSchema.parse({ metric: "auth.api.latency.p95", agg: "max", ...input });

describe("describeRule", () => {
  it("reads like the bound it checks", () => {
    expect(describeRule(rule({ below: 1 }))).toBe("max < 1");
    expect(describeRule(rule({ above: 0.5 }))).toBe("max > 0.5");
    expect(describeRule(rule({ above: 1, below: 5 }))).toBe("1 < max < 5");
    expect(describeRule(rule({ agg: "p95", maxIncreasePct: 20 }))).toBe("p95 ≤ baseline +20%");
    expect(describeRule(rule({ below: 9, maxDecreasePct: 10 }))).toBe("max < 9 and max ≥ baseline −10%");
  });
});

describe("judgeRule", () => {
  it("passes and fails absolute bounds strictly", () => {
    expect(judgeRule(rule({ below: 1 }), [], [0.2, 0.9]).passed).toBe(true);
    const failed = judgeRule(rule({ below: 1 }), [], [0.2, 1]);
    expect(failed).toMatchObject({ passed: false, after: 1, before: null, reason: "max 1 is not below 1" });
    expect(judgeRule(rule({ agg: "min", above: 10 }), [], [12, 10]).reason).toBe("min 10 is not above 10");
  });

  it("compares relative bounds with the baseline", () => {
    const r = rule({ agg: "avg", maxIncreasePct: 20 });
    expect(judgeRule(r, [100, 100], [110, 130])).toMatchObject({ before: 100, after: 120, changePct: 20, passed: true });
    const failed = judgeRule(r, [100, 100], [120, 130]);
    expect(failed).toMatchObject({ changePct: 25, passed: false, reason: "avg rose 25% from baseline 100 (limit +20%)" });
    const drop = judgeRule(rule({ agg: "avg", maxDecreasePct: 10 }), [200], [150]);
    expect(drop).toMatchObject({ changePct: -25, passed: false, reason: "avg fell 25% from baseline 200 (limit −10%)" });
  });

  it("allows no rise over a zero baseline and reports it without a percentage", () => {
    const r = rule({ agg: "sum", maxIncreasePct: 50 });
    expect(judgeRule(r, [0, 0], [0]).passed).toBe(true);
    expect(judgeRule(r, [0, 0], [3])).toMatchObject({ changePct: null, passed: false, reason: "sum went from 0 to 3 from baseline 0 (limit +50%)" });
  });

  it("reads a negative baseline the right way round", () => {
    expect(judgeRule(rule({ agg: "avg", maxIncreasePct: 10 }), [-100], [-80])).toMatchObject({ changePct: 20, passed: false });
  });

  it("cannot judge without data in the window", () => {
    expect(judgeRule(rule({ below: 1 }), [0.5], [])).toMatchObject({ passed: null, after: null, reason: "no points in the window" });
  });

  it("cannot judge a relative bound without a baseline, but an absolute failure still fails", () => {
    expect(judgeRule(rule({ maxIncreasePct: 20 }), [], [5])).toMatchObject({ passed: null, reason: "no points in the baseline" });
    expect(judgeRule(rule({ below: 10, maxIncreasePct: 20 }), [], [5]).passed).toBeNull();
    expect(judgeRule(rule({ below: 1, maxIncreasePct: 20 }), [], [5])).toMatchObject({ passed: false, reason: "max 5 is not below 1" });
  });

  it("needs minSamples points on each side it uses", () => {
    const r = rule({ below: 1, minSamples: 3 });
    expect(judgeRule(r, [], [0.1, 0.2])).toMatchObject({ passed: null, reason: "2 points in the window, need 3" });
    expect(judgeRule(r, [], [0.1, 0.2, 0.3]).passed).toBe(true);
    expect(judgeRule(rule({ agg: "avg", maxIncreasePct: 5, minSamples: 2 }), [1], [1, 1])).toMatchObject({
      passed: null,
      reason: "1 point in the baseline, need 2",
    });
  });
});
