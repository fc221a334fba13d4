import { NextResponse } from "next/server";
import { exportMetricsServiceResponse } from "./proto";

/**
 * The OTLP/HTTP success answer in the request's encoding: 200 with an ExportMetricsServiceResponse
 * whose `partial_success` counts the data points refused and says why (empty when none were),
 * as the spec asks so that exporters log it rather than retry.
 */
export function otlpResponse(encoding: "protobuf" | "json", rejectedPoints: number, errors: string[]): Response {
  const partialSuccess = rejectedPoints > 0 ? { rejectedDataPoints: rejectedPoints, errorMessage: errors.join("; ").slice(0, 2_000) } : undefined;
  if (encoding === "json") return NextResponse.json(partialSuccess ? { partialSuccess } : {});
  const message = exportMetricsServiceResponse.fromObject(partialSuccess ? { partialSuccess } : {});
  return new Response(Buffer.from(exportMetricsServiceResponse.encode(message).finish()), { status: 200, headers: { "content-type": "application/x-protobuf" } });
}
