import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute } from "@/lib/http/handler";
import { acceptedResponse, acceptIngest, storeBatch } from "@/lib/ingest/ingest-request";
import { PROTOBUF_MAX_BYTES } from "@/lib/ingest/ingest-limit";
import { decodeRemoteWrite } from "@/lib/ingest/prometheus/remote-write";

// POST /api/v1/write — Prometheus remote_write 1.0 (snappy-compressed WriteRequest protobuf), the path a `remote_write` block points at
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  return acceptIngest(
    req,
    async (body, store) => acceptedResponse(await storeBatch(store, "remote_write", () => decodeRemoteWrite(body, { maxDecodedBytes: PROTOBUF_MAX_BYTES }))),
    PROTOBUF_MAX_BYTES,
  );
});
