import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { selectorSchema } from "@/lib/series/selector-schema";
import { formatDuration, parseDuration } from "@/lib/time/parse-duration";
import { verdictAggSchema } from "@/lib/verdicts/criteria-schema";
import { parseThreshold } from "./threshold";

const DAY_MS = 86_400_000;

/** A zod field for a threshold in a query string or CLI flag; yields the parsed range. */
export const thresholdSchema = z.string().transform((raw, ctx) => {
  try {
    return parseThreshold(raw);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** The longest window a check reads: a month, which every aggregation but p95 reads as one pass over raw chunks. */
export const MAX_CHECK_WINDOW_MS = 31 * DAY_MS;
/** The longest p95 window: p95 holds and sorts every value of it. */
export const MAX_P95_WINDOW_MS = 7 * DAY_MS;

/** A duration such as `5m`, `90s` or `1h`, at most MAX_CHECK_WINDOW_MS; yields ms. */
export const checkDurationSchema = (field: string) =>
  z.string().transform((raw, ctx) => {
    const ms = parseDuration(raw);
    if (ms === null || ms <= 0) {
      ctx.addIssue({ code: "custom", message: `${field} "${raw}" is not a duration: use e.g. 90s, 5m, 1h` });
      return z.NEVER;
    }
    if (ms > MAX_CHECK_WINDOW_MS) {
      ctx.addIssue({ code: "custom", message: `${field} "${raw}" is longer than ${formatDuration(MAX_CHECK_WINDOW_MS)}` });
      return z.NEVER;
    }
    return ms;
  });

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** `GET /api/v1/check` and `deploylines check --metric`: which series, how to reduce it, and the thresholds. */
export const metricCheckQuerySchema = z.object({
  // A name (its unlabelled series, or its only label set), or a selector that picks one series:
  // `http_server_duration{route="/login"}`, globs and regex matchers too.
  metric: selectorSchema({ globs: true }),
  agg: verdictAggSchema.default("avg"),
  window: checkDurationSchema("window").default(5 * 60_000),
  // Empty `warning=` is how a Nagios command line passes "no threshold".
  warning: z.preprocess(blankToUndefined, thresholdSchema.optional()),
  critical: z.preprocess(blankToUndefined, thresholdSchema.optional()),
  label: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  maxAge: z.preprocess(blankToUndefined, checkDurationSchema("maxAge").optional()),
}).superRefine((query, ctx) => {
  if (query.agg === "p95" && query.window > MAX_P95_WINDOW_MS) {
    ctx.addIssue({
      code: "custom",
      path: ["window"],
      message: `window ${formatDuration(query.window)} is longer than ${formatDuration(MAX_P95_WINDOW_MS)}, the longest p95 reads (it sorts every value); avg, min, max, sum and last read up to ${formatDuration(MAX_CHECK_WINDOW_MS)}`,
    });
  }
});

/** `GET /api/v1/check/deployment`: the latest deploy of a service to an environment. */
export const deploymentCheckQuerySchema = z.object({
  service: nameSchema,
  environment: nameSchema.default("prod"),
});

/** `GET /api/v1/check/dark-launch`: a service's dark-launch readiness. */
export const darkLaunchCheckQuerySchema = z.object({
  service: nameSchema,
});

/** `GET /api/v1/check/drift`: version drift of a service in an environment. */
export const driftCheckQuerySchema = z.object({
  service: nameSchema,
  environment: nameSchema.default("prod"),
});

export type MetricCheckQuery = z.infer<typeof metricCheckQuerySchema>;
export type DeploymentCheckQuery = z.infer<typeof deploymentCheckQuerySchema>;
export type DarkLaunchCheckQuery = z.infer<typeof darkLaunchCheckQuerySchema>;
export type DriftCheckQuery = z.infer<typeof driftCheckQuerySchema>;
