import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { webUrlSchema } from "@/lib/urls/web-url";
import { timeSchema } from "@/lib/time/time-schema";

/** Commits per build and the size of each: a build carries what was merged since the previous one, not a repository's history. */
export const MAX_BUILD_COMMITS = 200;

export const buildCommitSchema = z.strictObject({
  sha: z.string().regex(/^[0-9a-f]{4,64}$/i, "sha must be 4–64 hex digits"),
  message: z.string().max(1000, "message must be at most 1000 characters"),
  author: z.string().max(200).nullish(),
  at: timeSchema.nullish(),
});

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
  /** The commits since the service's previous build, newest first (as `git log`); replaces any stored for this build. */
  commits: z.array(buildCommitSchema).max(MAX_BUILD_COMMITS, `at most ${MAX_BUILD_COMMITS} commits per build`).optional(),
});

export type BuildCommit = z.infer<typeof buildCommitSchema>;

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
