import { z } from "zod";
import { MAX_GLOB_LENGTH } from "@/lib/metrics/glob";
import { timeSchema } from "@/lib/time/time-schema";
import { AGGREGATIONS } from "./aggregate-by";
import { LABEL_NAME } from "./labels";

/** Dashboard charts ask for about two points per horizontal pixel of a half-width panel. */
export const CHART_MAX_POINTS = 800;

export const seriesQuerySchema = z
  .object({
    metric: z
      .string()
      .min(1, "metric is required: a name or a glob such as auth.*.latency.*")
      .max(MAX_GLOB_LENGTH, `metric is longer than ${MAX_GLOB_LENGTH} characters`),
    from: timeSchema.prefault("-24h"),
    to: timeSchema.prefault("now"),
    maxPoints: z.coerce.number().int().min(2).max(100_000).default(1000),
    /** Aggregate series per value of this label (sum of rates per route, max latency per instance). */
    by: z.string().regex(LABEL_NAME, "by must be a label name").max(128).optional(),
    agg: z.enum(AGGREGATIONS).default("sum"),
    /** `auto` draws counters as per-second rates and histograms as p50/p95/p99; `none` answers stored values. */
    fn: z.enum(["auto", "none"]).default("auto"),
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["from"] });

export type SeriesQuery = z.infer<typeof seriesQuerySchema>;
