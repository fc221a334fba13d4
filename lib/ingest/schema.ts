import { z } from "zod";
import { metricNameSchema } from "@/lib/metrics/name";

export const MAX_POINTS_PER_REQUEST = 1_000_000;

export const metricKindSchema = z.enum(["gauge", "counter", "timer", "set"]);

export const seriesBatchSchema = z.object({
  series: z
    .array(
      z.object({
        metric: metricNameSchema,
        kind: metricKindSchema.optional(),
        unit: z.string().max(32).optional(),
        // Each pair is checked by readPoints (./points.ts), which is far faster on large batches.
        points: z.array(z.unknown()).min(1, "a series needs at least one point"),
      }),
    )
    .min(1, "series is empty"),
});

export type MetricKind = z.infer<typeof metricKindSchema>;

/** A validated batch, timestamps normalised to epoch ms. */
export interface IngestBatch {
  series: { metric: string; kind?: MetricKind; unit?: string; points: [number, number][] }[];
}

export interface IngestResult {
  series: number;
  points: number;
  created: string[];
}
