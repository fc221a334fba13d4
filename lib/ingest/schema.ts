import { z } from "zod";
import { metricNameSchema } from "@/lib/metrics/name";
import { labelProblem, type Labels } from "@/lib/series/labels";

export const MAX_POINTS_PER_REQUEST = 1_000_000;

/**
 * What a series' values mean, which decides how it is read back:
 * - gauge, timer, set: values as they are;
 * - counter: a StatsD count per flush interval (already an increment), shown as stored;
 * - cumulative: a running total that only grows until a reset (Prometheus counter, OTel
 *   cumulative monotonic sum): read as a per-second rate, resets handled;
 * - delta: the increment since the previous point (OTel delta sum): read as a per-second rate;
 * - histogram / histogram_delta: one bucket of a classic histogram (`<name>_bucket{le="…"}`,
 *   cumulative or delta counts): read as quantiles across the `le` buckets.
 */
export const metricKindSchema = z.enum(["gauge", "counter", "timer", "set", "cumulative", "delta", "histogram", "histogram_delta"]);

/** A series' labels: `{"route": "/login", "status": "200"}` (Prometheus label names, string values). */
export const labelsSchema = z.record(z.string(), z.string()).superRefine((labels, ctx) => {
  const problem = labelProblem(labels);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const seriesBatchSchema = z.object({
  series: z
    .array(
      z.object({
        metric: metricNameSchema,
        labels: labelsSchema.optional(),
        kind: metricKindSchema.optional(),
        unit: z.string().max(32).optional(),
        // Each pair is checked by readPoints (./points.ts), which is far faster on large batches;
        // z.array would walk (and copy) a million pairs only to learn they are there.
        points: z
          .custom<unknown[]>((v) => Array.isArray(v), "expected an array of [timestamp, value] pairs")
          .refine((v) => v.length > 0, "a series needs at least one point"),
      }),
    )
    .min(1, "series is empty"),
});

export type MetricKind = z.infer<typeof metricKindSchema>;

/** One series of a batch: a name, its labels (none for a plain Graphite/StatsD name) and its points. */
export interface IngestSeries {
  metric: string;
  labels?: Labels;
  kind?: MetricKind;
  unit?: string;
  points: [number, number][];
}

/** What a service said of itself while sending metrics (OTel `service.version`, a `*_build_info` version label). */
export interface RunningVersion {
  service: string;
  environment?: string;
  version: string;
  /** When it was seen reporting this version, epoch ms. */
  ts: number;
}

/** A validated batch, timestamps normalised to epoch ms: what every ingest protocol ends in. */
export interface IngestBatch {
  series: IngestSeries[];
  /** Versions the senders reported, for detected deploys and version drift. */
  versions?: RunningVersion[];
}

export interface IngestResult {
  series: number;
  points: number;
  created: string[];
}
