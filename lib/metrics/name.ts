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

/**
 * The service a series belongs to: its `service` label (OTLP's `service.name`, a scrape target's
 * service); else, for a plain or dotted name, its first segment; else (a labelled Prometheus-style
 * name such as `http_requests_total{job="auth"}`) its `job`; null when nothing says.
 */
export function serviceOfSeries(name: string, labels: Record<string, string>): string | null {
  if (labels.service) return labels.service;
  if (name.includes(".") || Object.keys(labels).length === 0) return serviceOfMetric(name);
  return labels.job ?? null;
}
