import type { Message } from "protobufjs";
import { badRequest } from "@/lib/http/api-error";
import type { OtlpExportRequest } from "./message";
import { exportMetricsServiceRequest } from "./proto";

/**
 * Reads an OTLP/HTTP metrics body (already un-gzipped) into the request's messages, the same
 * for both encodings: protobuf is decoded with the reflected schema; JSON (OTLP/JSON:
 * lowerCamelCase names, 64-bit integers as strings or numbers, enums as integers or names)
 * goes through the same schema's `fromObject`, which reads exactly those forms into the same
 * messages. The proto schema is the edge check here rather than zod: it already defines the
 * shape, and per-element zod parsing is too slow for a million points. Nesting is bounded by
 * protobufjs' recursion limit (100). Throws `badRequest` when the body is not that encoding.
 */
export function readExportRequest(body: Uint8Array, contentType: "protobuf" | "json"): OtlpExportRequest {
  return (contentType === "json" ? fromJson(body) : fromProtobuf(body)) as unknown as OtlpExportRequest;
}

function fromProtobuf(body: Uint8Array): Message {
  let message: Message;
  try {
    message = exportMetricsServiceRequest.decode(body);
  } catch (error) {
    throw badRequest(`body is not an OTLP protobuf ExportMetricsServiceRequest: ${reason(error)}`);
  }
  // Bytes that happen to parse as unknown fields decode to an empty request; a real non-empty
  // request always carries field 1 (resource_metrics).
  if (body.length > 0 && (message as unknown as OtlpExportRequest).resourceMetrics.length === 0) {
    throw badRequest("body is not an OTLP protobuf ExportMetricsServiceRequest: it holds no resource_metrics (JSON sent as protobuf?)");
  }
  return message;
}

function fromJson(body: Uint8Array): Message {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    throw badRequest(`body is not OTLP/JSON: ${reason(error)}`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw badRequest("body is not OTLP/JSON: expected an object with resourceMetrics");
  try {
    return exportMetricsServiceRequest.fromObject(json as Record<string, unknown>);
  } catch (error) {
    throw badRequest(`body is not OTLP/JSON: ${reason(error)}`);
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 200);
