import { z } from "zod";
import { timeSchema } from "@/lib/time/time-schema";
import { webUrlSchema } from "@/lib/urls/web-url";

export const nameSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.\-]*$/, "use letters, digits, _ . - (starting with a letter or digit)");

export const deploymentKindSchema = z.enum(["deploy", "rollback"]);
export const deploymentStrategySchema = z.enum(["rolling", "all-at-once", "canary"]);
export const deploymentStatusSchema = z.enum(["in_progress", "succeeded", "failed", "rolled_back"]);
// `none`: the service has no success criteria, so there is nothing to judge by (never "healthy" by default).
export const verdictStatusSchema = z.enum(["pending", "healthy", "degraded", "failed", "inconclusive", "no_data", "none"]);

const optionalText = (max: number) => z.string().max(max).nullish();

export const deploymentInputSchema = z
  .object({
    service: nameSchema,
    environment: nameSchema,
    version: z.string().min(1).max(100),
    previousVersion: optionalText(100),
    commit: optionalText(100),
    author: optionalText(200),
    description: optionalText(2000),
    kind: deploymentKindSchema.default("deploy"),
    strategy: deploymentStrategySchema.default("all-at-once"),
    status: deploymentStatusSchema.optional(),
    startedAt: timeSchema.optional(),
    finishedAt: timeSchema.nullish(),
    instancesDone: z.number().int().nonnegative().nullish(),
    instancesTotal: z.number().int().positive().nullish(),
    rollbackOf: z.number().int().positive().nullish(),
    reason: optionalText(2000),
    links: z.record(z.string().max(100), webUrlSchema).nullish(),
  })
  .superRefine((d, ctx) => {
    if (d.startedAt !== undefined && d.finishedAt != null && d.finishedAt < d.startedAt) {
      ctx.addIssue({ code: "custom", path: ["finishedAt"], message: "a deploy cannot finish before it starts (a bare number below 1e11 is read as epoch seconds)" });
    }
    if (d.instancesDone != null && d.instancesTotal != null && d.instancesDone > d.instancesTotal) {
      ctx.addIssue({ code: "custom", path: ["instancesDone"], message: `${d.instancesDone} is more than instancesTotal (${d.instancesTotal})` });
    }
  });

export const deploymentPatchSchema = z
  .object({
    status: deploymentStatusSchema,
    finishedAt: timeSchema.nullable(),
    instancesDone: z.number().int().nonnegative(),
    instancesTotal: z.number().int().positive(),
    description: optionalText(2000),
    reason: optionalText(2000),
    message: z.string().max(2000),
    links: z.record(z.string().max(100), webUrlSchema),
  })
  // A field it cannot change (startedAt, version…) is refused by name rather than ignored.
  .strict()
  .partial()
  .refine((p) => Object.keys(p).length > 0, "nothing to change: send at least one field");

export const deploymentFilterSchema = z.object({
  service: nameSchema.optional(),
  environment: nameSchema.optional(),
  version: z.string().min(1).max(100).optional(),
  status: deploymentStatusSchema.optional(),
  kind: deploymentKindSchema.optional(),
  verdict: verdictStatusSchema.optional(),
  from: timeSchema.optional(),
  to: timeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export type DeploymentInput = z.infer<typeof deploymentInputSchema>;
export type DeploymentPatch = z.infer<typeof deploymentPatchSchema>;
export type DeploymentFilter = z.infer<typeof deploymentFilterSchema>;
export type DeploymentStatus = z.infer<typeof deploymentStatusSchema>;
export type VerdictStatus = z.infer<typeof verdictStatusSchema>;
