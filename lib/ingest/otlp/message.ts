import type { Int64 } from "./int64";

/*
 * The decoded request as protobufjs hands it over, for both encodings (protobuf `decode`, JSON
 * `fromObject`): message instances whose absent fields read as the proto3 default from the
 * prototype — 0, "", an empty array, null for a message or an `optional` scalar. Members of a
 * oneof (`as_double`/`as_int`, an AnyValue's kinds) default to 0 too, so their presence is an
 * own property: see `has`. Hand-written because the schema is reflected at run time; only the
 * fields the mapping reads are listed.
 */

/** Whether a oneof member (or any field) was sent, as opposed to read from the prototype default. */
export const has = <T extends object>(message: T, field: keyof T & string): boolean => Object.hasOwn(message, field);

export interface OtlpAnyValue {
  stringValue: string;
  boolValue: boolean;
  intValue: Int64;
  doubleValue: number;
  arrayValue: { values: OtlpAnyValue[] } | null;
  kvlistValue: { values: OtlpKeyValue[] } | null;
  bytesValue: Uint8Array;
}

export interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue | null;
}

export interface OtlpPointBase {
  attributes: OtlpKeyValue[];
  timeUnixNano: Int64;
  flags: number;
}

export interface OtlpNumberPoint extends OtlpPointBase {
  asDouble: number;
  asInt: Int64;
}

export interface OtlpHistogramPoint extends OtlpPointBase {
  count: Int64;
  sum: number | null;
  bucketCounts: Int64[];
  explicitBounds: number[];
}

export interface OtlpExponentialBuckets {
  offset: number;
  bucketCounts: Int64[];
}

export interface OtlpExponentialPoint extends OtlpPointBase {
  count: Int64;
  sum: number | null;
  scale: number;
  zeroCount: Int64;
  positive: OtlpExponentialBuckets | null;
  negative: OtlpExponentialBuckets | null;
}

export interface OtlpSummaryPoint extends OtlpPointBase {
  count: Int64;
  sum: number;
  quantileValues: { quantile: number; value: number }[];
}

/** `AggregationTemporality`: 0 is UNSPECIFIED, which the spec forbids on sums and histograms. */
export const DELTA = 1;
export const CUMULATIVE = 2;

export interface OtlpMetric {
  name: string;
  unit: string;
  gauge: { dataPoints: OtlpNumberPoint[] } | null;
  sum: { dataPoints: OtlpNumberPoint[]; aggregationTemporality: number; isMonotonic: boolean } | null;
  histogram: { dataPoints: OtlpHistogramPoint[]; aggregationTemporality: number } | null;
  exponentialHistogram: { dataPoints: OtlpExponentialPoint[]; aggregationTemporality: number } | null;
  summary: { dataPoints: OtlpSummaryPoint[] } | null;
}

export interface OtlpResourceMetrics {
  resource: { attributes: OtlpKeyValue[] } | null;
  scopeMetrics: { metrics: OtlpMetric[] }[];
}

export interface OtlpExportRequest {
  resourceMetrics: OtlpResourceMetrics[];
}
