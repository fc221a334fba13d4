import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { webUrlSchema } from "@/lib/urls/web-url";
import { timeSchema } from "@/lib/time/time-schema";

export const buildInputSchema = z.object({
  service: nameSchema,
  version: z.string().min(1).max(100),
  commit: z.string().max(100).nullish(),
  branch: z.string().max(200).nullish(),
  author: z.string().max(200).nullish(),
  artifactUrl: webUrlSchema.nullish(),
  ciUrl: webUrlSchema.nullish(),
  committedAt: timeSchema.nullish(),
  createdAt: timeSchema.optional(),
});

export const buildFilterSchema = z.object({
  service: nameSchema.optional(),
  prunable: z.enum(["true", "false"]).optional(),
});

export type BuildInput = z.infer<typeof buildInputSchema>;

export const retentionInputSchema = z.object({
  keepBuilds: z.number().int().min(1, "keep at least the newest build").max(1000),
});

export type BuildFilter = z.infer<typeof buildFilterSchema>;
export type RetentionInput = z.infer<typeof retentionInputSchema>;
