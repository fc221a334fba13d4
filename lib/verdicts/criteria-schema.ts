import { z } from "zod";
import { metricNameSchema } from "@/lib/metrics/name";

export const verdictAggSchema = z.enum(["avg", "max", "min", "p95", "last", "sum"], {
  error: "agg must be one of avg, max, min, p95, last, sum",
});
export const ruleSeveritySchema = z.enum(["failed", "degraded"], {
  error: 'severity must be "failed" or "degraded"',
});

const finite = (field: string) => z.number({ error: `${field} must be a number` }).finite();
const percent = (field: string) =>
  z.number({ error: `${field} must be a number of percent` }).finite().nonnegative(`${field} must be 0 or more`);

export const criteriaRuleSchema = z
  .strictObject({
    metric: metricNameSchema,
    agg: verdictAggSchema,
    below: finite("below").optional(),
    above: finite("above").optional(),
    maxIncreasePct: percent("maxIncreasePct").optional(),
    maxDecreasePct: percent("maxDecreasePct").optional(),
    severity: ruleSeveritySchema.default("failed"),
    minSamples: z
      .number({ error: "minSamples must be a number" })
      .int("minSamples must be a whole number")
      .min(1, "minSamples must be at least 1")
      .max(100_000, "minSamples must be at most 100000")
      .optional(),
  })
  .superRefine((rule, ctx) => {
    const bounds = [rule.below, rule.above, rule.maxIncreasePct, rule.maxDecreasePct];
    if (bounds.every((b) => b === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "a rule needs a bound: below and/or above (absolute), or maxIncreasePct / maxDecreasePct (against the baseline)",
      });
    }
    // `above` and `below` together describe a band; an empty band could never pass.
    if (rule.below !== undefined && rule.above !== undefined && rule.above >= rule.below) {
      ctx.addIssue({ code: "custom", path: ["above"], message: `above (${rule.above}) must be less than below (${rule.below})` });
    }
  });

const minutes = (field: string, max: number, unit: string) =>
  z
    .number({ error: `${field} must be a number of minutes` })
    .int(`${field} must be a whole number of minutes`)
    .min(1, `${field} must be at least 1`)
    .max(max, `${field} must be at most ${max} (${unit})`);

export const criteriaSchema = z.strictObject({
  windowMinutes: minutes("windowMinutes", 1440, "a day").default(10),
  baselineMinutes: minutes("baselineMinutes", 10_080, "a week").default(30),
  rules: z.array(criteriaRuleSchema, { error: "rules must be a list of rules" }).min(1, "rules must hold at least one rule").max(100, "at most 100 rules"),
});

export type VerdictAgg = z.infer<typeof verdictAggSchema>;
export type RuleSeverity = z.infer<typeof ruleSeveritySchema>;
export type CriteriaRule = z.infer<typeof criteriaRuleSchema>;
export type Criteria = z.infer<typeof criteriaSchema>;
/** Criteria as sent in a request, before defaults are applied. */
export type CriteriaInput = z.input<typeof criteriaSchema>;
