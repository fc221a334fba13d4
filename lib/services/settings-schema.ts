import { z } from "zod";
import { commitUrlTemplateSchema } from "@/lib/builds/commit-url";
import { retentionInputSchema } from "@/lib/builds/schema";
import { isWebUrl } from "@/lib/urls/web-url";
import { logSearchUrl } from "./log-url";

/** A log search URL template: http(s), with any of `{service}`, `{from}`, `{to}`. */
export const logUrlTemplateSchema = z
  .string()
  .max(2000)
  .refine((template) => isWebUrl(logSearchUrl(template, "svc", 0, 1)), "must be an http(s) URL; {service}, {from} and {to} are replaced (ISO times, URL-encoded)");

export const serviceSettingsSchema = z
  .object({
    keepBuilds: retentionInputSchema.shape.keepBuilds,
    logUrlTemplate: logUrlTemplateSchema.nullable(),
    commitUrlTemplate: commitUrlTemplateSchema.nullable(),
    /** Metrics pinned first on the service's dashboard, in order. */
    keyMetrics: z.array(z.string().min(1).max(500)).max(50).nullable(),
  })
  .partial()
  .refine((s) => Object.keys(s).length > 0, "nothing to change: send keepBuilds, logUrlTemplate, commitUrlTemplate and/or keyMetrics");

export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;
