import { z } from "zod";

/** Graphite-style dotted metric names: segments of letters, digits, `_`, `-`, `:`, `@`. */
export const METRIC_NAME = /^[A-Za-z0-9_\-:@]+(\.[A-Za-z0-9_\-:@]+)*$/;

export const metricNameSchema = z
  .string()
  .min(1, "metric name is empty")
  .max(255, "metric name is longer than 255 characters")
  .regex(METRIC_NAME, "metric name must be dotted segments of letters, digits, _ - : @");

/** The service a metric belongs to: its first dotted segment (`auth.api.latency.p95` → `auth`). */
export function serviceOfMetric(name: string): string {
  const dot = name.indexOf(".");
  return dot === -1 ? name : name.slice(0, dot);
}
