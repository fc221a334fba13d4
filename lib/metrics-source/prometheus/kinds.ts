import type { MetricKind } from "@/lib/ingest/schema";

/** What `/api/v1/metadata` says about one metric family. */
export interface FamilyMetadata {
  type: string;
  unit?: string;
}

/** The families a series name may be described under: itself, and without `_total`/`_bucket`/`_count`/`_sum`. */
export function familiesOf(name: string): string[] {
  const base = name.replace(/_(total|bucket|count|sum)$/, "");
  return base === name ? [name] : [name, base];
}

/**
 * A Prometheus series' kind in deploylines' terms, from its family's metadata type when the
 * backend has it, else from the naming conventions: `_bucket` with an `le` label is a histogram
 * bucket, `_total` a counter. A histogram's or summary's `_count` and `_sum` are counters.
 */
export function seriesKind(name: string, hasLe: boolean, metadata: FamilyMetadata | undefined): MetricKind {
  const type = metadata?.type;
  if (name.endsWith("_bucket") && hasLe && (type === undefined || type === "histogram" || type === "unknown" || type === "gaugehistogram")) {
    return type === "gaugehistogram" ? "gauge" : "histogram";
  }
  if (type === "counter") return "cumulative";
  if ((type === "histogram" || type === "summary") && /_(count|sum)$/.test(name)) return "cumulative";
  if (type === "gauge") return "gauge";
  return name.endsWith("_total") ? "cumulative" : "gauge";
}
