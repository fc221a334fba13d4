import { describe, expect, it } from "vitest";
import { problemsFromZod } from "@/lib/http/problem";
import { criteriaSchema } from "./criteria-schema";

const contractExample = {
  windowMinutes: 10,
  baselineMinutes: 30,
  rules: [
    { metric: "auth.api.errors.rate", agg: "max", below: 1 },
    { metric: "auth.api.latency.p95", agg: "p95", maxIncreasePct: 20, severity: "degraded" },
  ],
};

function problems(input: unknown) {
  const parsed = criteriaSchema.safeParse(input);
  if (parsed.success) throw new Error("expected the input to be rejected");
  return problemsFromZod(parsed.error);
}

describe("criteriaSchema", () => {
  it("accepts the documented example and defaults severity to failed", () => {
    const criteria = criteriaSchema.parse(contractExample);
    expect(criteria.rules[0]).toEqual({ metric: "auth.api.errors.rate", agg: "max", below: 1, severity: "failed", critical: false, mustHaveData: false, trimPct: 0 });
    expect(criteria).toMatchObject({ minSamples: 50, confidence: 0.95 });
    expect(criteria.rules[1].severity).toBe("degraded");
  });

  it("defaults the window to 10 minutes and the baseline to 30", () => {
    const criteria = criteriaSchema.parse({ rules: [{ metric: "a.b", agg: "avg", above: 0 }] });
    expect(criteria.windowMinutes).toBe(10);
    expect(criteria.baselineMinutes).toBe(30);
  });

  it("accepts a band and a rule with both absolute and relative bounds", () => {
    const rule = { metric: "a.b", agg: "avg", above: 1, below: 5, maxDecreasePct: 10, minSamples: 3 };
    expect(criteriaSchema.parse({ rules: [rule] }).rules[0]).toMatchObject(rule);
  });

  it("rejects a rule without any bound, naming it", () => {
    expect(problems({ rules: [{ metric: "a.b", agg: "max" }] })).toEqual([
      { where: "rules[0]", message: expect.stringContaining("a rule needs a bound") },
    ]);
  });

  it("takes a selector with label matchers as a rule's metric, and names a bad one", () => {
    const rule = { metric: 'http_server_duration{route="/oauth/token",status=~"5.."}', agg: "p95", direction: "increase", baselineMetric: 'http_server_duration{version="1.51"}' };
    expect(criteriaSchema.parse({ rules: [rule] }).rules[0].metric).toBe(rule.metric);
    expect(problems({ rules: [{ ...rule, metric: 'x{route="/a"' }] })).toEqual([{ where: "rules[0].metric", message: "label matchers must end with }" }]);
    expect(problems({ rules: [{ ...rule, metric: "auth.*.p95" }] })).toEqual([{ where: "rules[0].metric", message: expect.stringContaining("is not a metric name") }]);
  });

  it("names every bad field", () => {
    const found = problems({
      windowMinutes: 2.5,
      rules: [
        { metric: "a b", agg: "median", below: 1 },
        { metric: "a.b", agg: "max", above: 5, below: 2 },
        { metric: "a.b", agg: "max", maxIncreasePct: -1, severity: "fatal" },
        { metric: "a.b", agg: "max", below: 1, bellow: 3 },
      ],
    });
    expect(found).toEqual([
      { where: "windowMinutes", message: "windowMinutes must be a whole number of minutes" },
      { where: "rules[0].metric", message: expect.stringContaining("metric name") },
      { where: "rules[0].agg", message: "agg must be one of avg, max, min, p95, last, sum" },
      { where: "rules[1].above", message: "above (5) must be less than below (2)" },
      { where: "rules[2].maxIncreasePct", message: "maxIncreasePct must be 0 or more" },
      { where: "rules[2].severity", message: 'severity must be "failed" or "degraded"' },
      { where: "rules[3]", message: expect.stringContaining('"bellow"') },
    ]);
  });

  it("takes a direction with a tolerance, critical, mustHaveData, trimming, groups and score bands", () => {
    const criteria = criteriaSchema.parse({
      minSamples: 20,
      groups: { latency: 2 },
      score: { pass: 90, marginal: 60 },
      rules: [{ metric: "a.b", agg: "avg", direction: "either", tolerancePct: 5, critical: true, mustHaveData: true, trimPct: 5, group: "latency", baselineMetric: "a.prod.b" }],
    });
    expect(criteria.rules[0]).toMatchObject({ direction: "either", tolerancePct: 5, critical: true, trimPct: 5, baselineMetric: "a.prod.b" });
    expect(criteria.minSamples).toBe(20);
  });

  it("refuses a direction beside maxIncreasePct, a tolerance without a direction and inverted score bands", () => {
    expect(problems({ rules: [{ metric: "a.b", agg: "avg", direction: "increase", maxIncreasePct: 5 }] })).toEqual([
      { where: "rules[0].direction", message: expect.stringContaining("not both") },
    ]);
    expect(problems({ rules: [{ metric: "a.b", agg: "avg", below: 3, tolerancePct: 5 }] })).toEqual([{ where: "rules[0].tolerancePct", message: "tolerancePct needs a direction" }]);
    expect(problems({ score: { pass: 50, marginal: 80 }, rules: [{ metric: "a.b", agg: "avg", below: 3 }] })).toEqual([
      { where: "score", message: "score.marginal must not exceed score.pass" },
    ]);
  });

  it("requires at least one rule", () => {
    expect(problems({ rules: [] })).toEqual([{ where: "rules", message: "rules must hold at least one rule" }]);
    expect(problems({})).toEqual([{ where: "rules", message: "rules must be a list of rules" }]);
  });
});
