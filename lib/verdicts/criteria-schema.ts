import { z } from "zod";
import { selectorSchema } from "@/lib/series/selector-schema";

export const verdictAggSchema = z.enum(["avg", "max", "min", "p95", "last", "sum"], {
  error: "agg must be one of avg, max, min, p95, last, sum",
});
export const ruleSeveritySchema = z.enum(["failed", "degraded"], {
  error: 'severity must be "failed" or "degraded"',
});

export const ruleDirectionSchema = z.enum(["increase", "decrease", "either"], {
  error: 'direction must be "increase", "decrease" or "either" (the move that is bad)',
});

const finite = (field: string) => z.number({ error: `${field} must be a number` }).finite();
const samples = (field: string) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(1, `${field} must be at least 1`)
    .max(100_000, `${field} must be at most 100000`);
const percent = (field: string) =>
  z.number({ error: `${field} must be a number of percent` }).finite().nonnegative(`${field} must be 0 or more`);

export const criteriaRuleSchema = z
  .strictObject({
    /** A metric name, or a selector narrowing it to label sets (`http_server_duration{route="/oauth/token"}`): the points of every series it picks count. */
    metric: selectorSchema(),
    agg: verdictAggSchema,
    below: finite("below").optional(),
    above: finite("above").optional(),
    maxIncreasePct: percent("maxIncreasePct").optional(),
    maxDecreasePct: percent("maxDecreasePct").optional(),
    /** Against the baseline: which move is bad, and the relative change (percent) it may make and still pass. */
    direction: ruleDirectionSchema.optional(),
    tolerancePct: percent("tolerancePct").optional(),
    severity: ruleSeveritySchema.default("failed"),
    /** A failing critical rule fails the deploy whatever the other rules (and the score) say, as soon as it is certain. */
    critical: z.boolean({ error: "critical must be true or false" }).default(false),
    /** Without points at the window's end the rule fails instead of leaving the deploy at no_data. */
    mustHaveData: z.boolean({ error: "mustHaveData must be true or false" }).default(false),
    /** Percent of the values dropped from each end before aggregating (outlier trimming), 0–25. */
    trimPct: percent("trimPct").max(25, "trimPct must be at most 25").default(0),
    minSamples: samples("minSamples").optional(),
    /** Judge against this metric over the same window (a concurrent baseline, e.g. the previous version in another environment) instead of the rule's metric before the deploy. */
    baselineMetric: selectorSchema().optional(),
    group: z.string().min(1).max(100).optional(),
  })
  .superRefine((rule, ctx) => {
    const bounds = [rule.below, rule.above, rule.maxIncreasePct, rule.maxDecreasePct, rule.direction];
    if (bounds.every((b) => b === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "a rule needs a bound: below and/or above (absolute), or direction / maxIncreasePct / maxDecreasePct (against the baseline)",
      });
    }
    // direction + tolerancePct and maxIncreasePct / maxDecreasePct say the same thing two ways; one per rule.
    if (rule.direction !== undefined && (rule.maxIncreasePct !== undefined || rule.maxDecreasePct !== undefined)) {
      ctx.addIssue({ code: "custom", path: ["direction"], message: "use either direction (+ tolerancePct) or maxIncreasePct / maxDecreasePct, not both" });
    }
    if (rule.tolerancePct !== undefined && rule.direction === undefined) {
      ctx.addIssue({ code: "custom", path: ["tolerancePct"], message: "tolerancePct needs a direction" });
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
  /** Points each rule needs before it may pass (Kayenta's practice: 50), unless its confidence interval already excludes the bound. */
  minSamples: samples("minSamples").default(50),
  confidence: z.number({ error: "confidence must be a number" }).min(0.5, "confidence must be at least 0.5").max(0.999, "confidence must be at most 0.999").default(0.95),
  /** Weights of rule groups in the 0–100 score; a group not named weighs 1. */
  groups: z.record(z.string().min(1).max(100), z.number().positive("a group weight must be above 0").max(1000)).optional(),
  /** Score bands; when given, the score (not the rules' severities) decides healthy / degraded (marginal) / failed. */
  score: z
    .strictObject({ pass: z.number().min(0).max(100), marginal: z.number().min(0).max(100) })
    .refine((b) => b.marginal <= b.pass, { message: "score.marginal must not exceed score.pass" })
    .optional(),
});

/** The score bands shown beside the rules when the criteria set none. */
export const DEFAULT_SCORE_BANDS = { pass: 95, marginal: 75 };

export type VerdictAgg = z.infer<typeof verdictAggSchema>;
export type RuleSeverity = z.infer<typeof ruleSeveritySchema>;
export type RuleDirection = z.infer<typeof ruleDirectionSchema>;
export type CriteriaRule = z.infer<typeof criteriaRuleSchema>;
export type Criteria = z.infer<typeof criteriaSchema>;
/** Criteria as sent in a request, before defaults are applied. */
export type CriteriaInput = z.input<typeof criteriaSchema>;
