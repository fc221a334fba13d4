import protobuf from "protobufjs";

/**
 * remote_write 1.0's `prometheus.WriteRequest`, written from the published spec (prompb's
 * remote.proto and types.proto). Field numbers are the wire contract and match it; TimeSeries'
 * exemplars (3) and native histograms (4), and MetricMetadata's help (4), are left out, so the
 * decoder skips them as unknown fields instead of building objects nobody reads.
 */
const REMOTE_WRITE_PROTO = `
syntax = "proto3";
package prometheus;

message WriteRequest {
  repeated TimeSeries timeseries = 1;
  reserved 2;
  repeated MetricMetadata metadata = 3;
}

message TimeSeries {
  repeated Label labels = 1;
  repeated Sample samples = 2;
}

message Label {
  string name = 1;
  string value = 2;
}

message Sample {
  double value = 1;
  int64 timestamp = 2;
}

message MetricMetadata {
  enum MetricType {
    UNKNOWN = 0;
    COUNTER = 1;
    GAUGE = 2;
    HISTOGRAM = 3;
    GAUGEHISTOGRAM = 4;
    SUMMARY = 5;
    INFO = 6;
    STATESET = 7;
  }
  MetricType type = 1;
  string metric_family_name = 2;
  string unit = 5;
}
`;

/** `prometheus.WriteRequest`, the body of a remote_write 1.0 `POST` (after snappy). */
export const writeRequest = protobuf.parse(REMOTE_WRITE_PROTO).root.lookupType("prometheus.WriteRequest");

/** A decoded WriteRequest as protobufjs returns it (camelCase fields; int64 as a number or a Long). */
export interface DecodedWriteRequest {
  timeseries: { labels: { name: string; value: string }[]; samples: { value: number; timestamp: number | { toNumber(): number } }[] }[];
  metadata: { type: number; metricFamilyName: string; unit: string }[];
}
