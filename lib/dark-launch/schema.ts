import { z } from "zod";

export const MAX_SAMPLES_PER_BATCH = 10_000;
export const MAX_DIFF_ENTRIES = 20;

/** One difference between the primary's and the candidate's answer; an absent side means the field was missing there. */
export const sampleDiffEntrySchema = z.object({
  path: z.string().min(1).max(500),
  primary: z.unknown().optional(),
  candidate: z.unknown().optional(),
});

const latencyMs = z.number().nonnegative().refine(Number.isFinite, "must be finite");
const httpStatus = z.number().int().min(100).max(599);

/** One mirrored request as the shadow proxy reports it; mirrors the `dark_launch_samples` columns. */
export const darkLaunchSampleSchema = z.object({
  ts: z.number().int().nonnegative(),
  method: z.string().min(1).max(16),
  path: z.string().min(1).max(2000),
  endpoint: z.string().min(1).max(500).optional(),
  primaryStatus: httpStatus,
  candidateStatus: httpStatus.nullable(),
  match: z.boolean(),
  primaryMs: latencyMs,
  candidateMs: latencyMs.nullable(),
  candidateError: z.string().max(500).nullable(),
  diff: z.array(sampleDiffEntrySchema).max(MAX_DIFF_ENTRIES).nullable(),
});

// POST /api/v1/dark-launches/{service}/samples
export const darkLaunchSampleBatchSchema = z.object({
  candidateVersion: z.string().min(1).max(100).optional(),
  samples: z.array(darkLaunchSampleSchema).min(1, "samples is empty").max(MAX_SAMPLES_PER_BATCH, `at most ${MAX_SAMPLES_PER_BATCH} samples a batch`),
});

/** A team's bar for calling a dark-launched candidate ready to take production traffic. */
export const darkLaunchCriteriaSchema = z.object({
  minMatchRate: z.number().min(0).max(1).default(0.999),
  maxP95Ratio: z.number().positive().default(1.2),
  windowHours: z.number().positive().max(24 * 90).default(24),
  minSamples: z.number().int().nonnegative().default(100),
});

export type SampleDiffEntry = z.infer<typeof sampleDiffEntrySchema>;
export type DarkLaunchSample = z.infer<typeof darkLaunchSampleSchema>;
export type DarkLaunchSampleBatch = z.infer<typeof darkLaunchSampleBatchSchema>;
export type DarkLaunchCriteria = z.infer<typeof darkLaunchCriteriaSchema>;
