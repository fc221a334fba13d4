import { badRequest } from "@/lib/http/api-error";
import { MAX_TIMESTAMP_MS } from "@/lib/time/parse-time";
import type { IngestBatch, MetricKind } from "@/lib/ingest/schema";
import { METRIC_NAME } from "@/lib/metrics/name";
import { labelProblem, type Labels } from "@/lib/series/labels";
import { declaredKind, type Family, type FamilyType } from "./family";
import { MAX_SERIES_PER_BODY, SeriesCollector } from "./series-collector";
import { uncompressSnappyBlock } from "./snappy-block";
import { writeRequest, type DecodedWriteRequest } from "./write-request";

export interface RemoteWriteOptions {
  /** Bytes the body may have once decompressed (413 beyond, checked before decompressing). */
  maxDecodedBytes: number;
}

/** MetricMetadata.MetricType by enum number. */
const METADATA_TYPES: FamilyType[] = ["unknown", "counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset"];
const MAX_UNIT = 32;

type Series = DecodedWriteRequest["timeseries"][number];

/**
 * Decodes a Prometheus remote_write 1.0 body: a snappy block (bounded by `maxDecodedBytes`,
 * see snappy-block.ts) holding a protobuf `prometheus.WriteRequest`. `__name__` names each
 * series, its other labels are its labels. The kind comes from the request's metadata when it
 * describes the family, else from the name: `_total` cumulative, `_bucket` with `le` a
 * histogram bucket, `_count`/`_sum` beside such buckets cumulative, anything else a gauge.
 * NaN samples — stale markers among them — and ±Inf are dropped. Throws a 400 naming the
 * series index for anything malformed, and past the per-body sample or series bound.
 */
export function decodeRemoteWrite(body: Uint8Array, options: RemoteWriteOptions): IngestBatch {
  const request = decodeWriteRequest(uncompressSnappyBlock(body, options.maxDecodedBytes));
  if (request.timeseries.length > MAX_SERIES_PER_BODY) {
    throw badRequest(`too many series in one body: ${request.timeseries.length} (at most ${MAX_SERIES_PER_BODY}); send fewer per request`);
  }
  const families = familiesOf(request.metadata);
  const named = request.timeseries.map(nameAndLabels);
  // Histograms' `_count`/`_sum` are told from summaries' (gauges by name) by their `_bucket` siblings.
  const bucketFamilies = new Set(named.filter((s) => s.name.endsWith("_bucket") && s.labels.le).map((s) => s.name.slice(0, -"_bucket".length)));
  const collector = new SeriesCollector();
  request.timeseries.forEach((series, i) => {
    const { name, labels } = named[i];
    const { kind, unit } = kindOf(name, labels, families, bucketFamilies);
    if (kind === "skip") return;
    collector.add(name, labels, kind, unit, pointsOf(series, i));
  });
  return collector.batch();
}

function decodeWriteRequest(bytes: Uint8Array): DecodedWriteRequest {
  let request: DecodedWriteRequest;
  try {
    request = writeRequest.decode(bytes) as unknown as DecodedWriteRequest;
  } catch (error) {
    throw badRequest(`body is not a protobuf prometheus.WriteRequest: ${error instanceof Error ? error.message : String(error)}`);
  }
  // Bytes that happen to parse as unknown fields decode to an empty request; a real one carries series or metadata.
  if (bytes.length > 0 && request.timeseries.length === 0 && request.metadata.length === 0) {
    throw badRequest("body is not a protobuf prometheus.WriteRequest: it holds no timeseries and no metadata");
  }
  return request;
}

function familiesOf(metadata: DecodedWriteRequest["metadata"]): Map<string, Family> {
  const families = new Map<string, Family>();
  for (const { type, metricFamilyName, unit } of metadata) {
    const family: Family = {};
    // UNKNOWN (or a type newer than this list) says nothing, so the name decides the kind.
    if (METADATA_TYPES[type] && type !== 0) family.type = METADATA_TYPES[type];
    if (unit && unit.length <= MAX_UNIT) family.unit = unit;
    families.set(metricFamilyName, family);
  }
  return families;
}

function nameAndLabels(series: Series, i: number): { name: string; labels: Labels } {
  const seen = new Map<string, string>();
  for (const { name, value } of series.labels) {
    if (seen.has(name)) throw badSeries(i, `label "${name.slice(0, 80)}" appears twice`);
    seen.set(name, value);
  }
  const name = seen.get("__name__");
  if (!name) throw badSeries(i, "no __name__ label");
  if (name.length > 255 || !METRIC_NAME.test(name)) throw badSeries(i, `metric name "${name.slice(0, 80)}" must be letters, digits, _ : - @ (at most 255 characters)`);
  seen.delete("__name__");
  // Empty values are left out: Prometheus treats an empty label as an absent one.
  const labels = Object.fromEntries([...seen].filter(([, value]) => value !== ""));
  const problem = labelProblem(labels);
  if (problem) throw badSeries(i, problem);
  return { name, labels };
}

/** The series' samples as points; NaN and ±Inf are dropped. */
function pointsOf(series: Series, i: number): [number, number][] {
  const points: [number, number][] = [];
  for (const sample of series.samples) {
    // A stale marker (NaN with payload 0x7ff0000000000002) only tells Prometheus a series ended: nothing to store.
    if (!Number.isFinite(sample.value)) continue;
    const ts = typeof sample.timestamp === "number" ? sample.timestamp : sample.timestamp.toNumber();
    if (!(ts >= 0 && ts < MAX_TIMESTAMP_MS)) throw badSeries(i, `timestamp ${ts} is not epoch milliseconds`);
    points.push([ts, sample.value]);
  }
  return points;
}

function kindOf(name: string, labels: Labels, families: Map<string, Family>, bucketFamilies: Set<string>): { kind: MetricKind | "skip"; unit?: string } {
  const declared = declaredKind(name, families);
  // A bucket without `le` cannot be read as one; kept as a gauge rather than refusing the body.
  if (declared) return { kind: declared.kind === "histogram" && !labels.le ? "gauge" : declared.kind, unit: declared.family.unit };
  const unit = families.get(name)?.unit;
  if (name.endsWith("_total")) return { kind: "cumulative", unit };
  if (name.endsWith("_bucket") && labels.le) return { kind: "histogram", unit };
  const family = name.replace(/_(count|sum)$/, "");
  return { kind: family !== name && bucketFamilies.has(family) ? "cumulative" : "gauge", unit };
}

const badSeries = (i: number, message: string) => badRequest(`invalid series timeseries[${i}]: ${message}`, [{ where: `timeseries[${i}]`, message }]);
