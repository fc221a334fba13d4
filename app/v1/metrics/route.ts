import { requireWriter } from "@/lib/auth/require-writer";
import { ApiError } from "@/lib/http/api-error";
import { apiRoute } from "@/lib/http/handler";
import { acceptIngest, storeBatch } from "@/lib/ingest/ingest-request";
import { PROTOBUF_MAX_BYTES } from "@/lib/ingest/ingest-limit";
import { decodeOtlpMetrics, type OtlpDecoded } from "@/lib/ingest/otlp/decode";
import { otlpResponse } from "@/lib/ingest/otlp/response";

// POST /v1/metrics — OpenTelemetry OTLP/HTTP metrics (protobuf or JSON, gzip or not): the path an OTLP exporter pointed at http://host:3000 posts to
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const encoding = type.includes("json") ? "json" : type.includes("protobuf") ? "protobuf" : null;
  if (!encoding) throw new ApiError(415, "send OTLP as application/x-protobuf or application/json", [{ where: "content-type", message: `"${type.slice(0, 80)}" is neither` }]);
  return acceptIngest(
    req,
    async (body, store) => {
      let decoded: OtlpDecoded | undefined;
      await storeBatch(store, "otlp", () => (decoded = decodeOtlpMetrics(body, encoding)).batch);
      return otlpResponse(encoding, decoded!.rejectedPoints, decoded!.errors);
    },
    PROTOBUF_MAX_BYTES,
  );
});
