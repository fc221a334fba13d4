import type { MetricKind } from "@/lib/ingest/schema";

/** A metric family's type as Prometheus names them: OpenMetrics' set, 0.0.4's `untyped` read as `unknown`. */
export type FamilyType = "counter" | "gauge" | "histogram" | "gaugehistogram" | "summary" | "info" | "stateset" | "unknown";

/** What a `# TYPE`/`# UNIT` line or a remote_write metadata entry said of one family. */
export interface Family {
  type?: FamilyType;
  unit?: string;
}

/**
 * The samples each family type has, by the suffix after the family name, and how each is
 * stored; "skip" for OpenMetrics' `_created` (a reset time, not a value to chart). A counter's
 * bare name is 0.0.4's form (`# TYPE x_total counter`), `_total` OpenMetrics'. A gauge
 * histogram's buckets go up and down, so they are gauges, not cumulative `histogram` buckets.
 */
const SAMPLE_KINDS: Record<FamilyType, Partial<Record<string, MetricKind | "skip">>> = {
  counter: { "": "cumulative", _total: "cumulative", _created: "skip" },
  histogram: { _bucket: "histogram", _count: "cumulative", _sum: "cumulative", _created: "skip" },
  gaugehistogram: { _bucket: "gauge", _gcount: "gauge", _gsum: "gauge" },
  summary: { "": "gauge", _count: "cumulative", _sum: "cumulative", _created: "skip" },
  info: { "": "gauge", _info: "gauge" },
  gauge: { "": "gauge" },
  stateset: { "": "gauge" },
  unknown: { "": "gauge" },
};

const SUFFIXES = ["_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"];

/**
 * How a sample is stored, from the family it belongs to: its own name's when that family has
 * a bare sample, else the family its name minus a suffix names (`req_seconds_bucket` →
 * `req_seconds`). Null when no declared family claims it (an untyped sample).
 */
export function declaredKind(sample: string, families: ReadonlyMap<string, Family>): { kind: MetricKind | "skip"; family: Family; suffix: string } | null {
  const own = families.get(sample);
  const bare = own?.type && SAMPLE_KINDS[own.type][""];
  if (own && bare) return { kind: bare, family: own, suffix: "" };
  for (const suffix of SUFFIXES) {
    if (!sample.endsWith(suffix)) continue;
    const family = families.get(sample.slice(0, -suffix.length));
    const kind = family?.type && SAMPLE_KINDS[family.type][suffix];
    if (family && kind) return { kind, family, suffix };
  }
  return null;
}
