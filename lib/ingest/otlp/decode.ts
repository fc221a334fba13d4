import type { IngestBatch } from "@/lib/ingest/schema";
import { readExportRequest } from "./read-body";
import { requestToBatch } from "./to-batch";

/** An OTLP metrics request as deploylines stores it, and what could not be stored. */
export interface OtlpDecoded {
  batch: IngestBatch;
  /** Data points refused (bad labels, names, values or times); one per OTLP point, however many series it would have made. */
  rejectedPoints: number;
  /** Distinct reasons for the refusals, at most MAX_REJECTION_REASONS (see ./collector.ts). */
  errors: string[];
}

/**
 * Decodes the body of an OTLP/HTTP `POST /v1/metrics` (protobuf or OTLP/JSON, already
 * un-gzipped by the caller) into an ingest batch; both encodings of one request give the
 * same result. Pure: no I/O. `now` (epoch ms) stands in for points sent without a time.
 * Throws `badRequest` when the body is not that encoding at all, or would make more than
 * MAX_POINTS_PER_REQUEST points or MAX_SERIES_PER_REQUEST series. Mapping: see `requestToBatch`.
 */
export function decodeOtlpMetrics(body: Uint8Array, contentType: "protobuf" | "json", now: number = Date.now()): OtlpDecoded {
  return requestToBatch(readExportRequest(body, contentType), now);
}
