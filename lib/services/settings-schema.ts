import { z } from "zod";
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
  })
  .partial()
  .refine((s) => Object.keys(s).length > 0, "nothing to change: send keepBuilds and/or logUrlTemplate");

export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;
