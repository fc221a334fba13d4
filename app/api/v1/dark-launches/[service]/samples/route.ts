import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { parseSampleBatch } from "@/lib/dark-launch/parse-batch";
import { recordSamples } from "@/lib/dark-launch/record-samples";
import { apiRoute } from "@/lib/http/handler";
import { refuseDeclaredOverLimit } from "@/lib/http/read-body";
import { busyResponse, ingestLimit, ingestMaxBytes } from "@/lib/ingest/ingest-limit";
import { parseName } from "@/lib/http/parse-name";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// POST /api/v1/dark-launches/{service}/samples — store a batch of mirrored-request samples (all or none); 413 past DEPLOYLINES_INGEST_MAX_BYTES
export const POST = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const service = parseName((await params).service);
  const limit = ingestMaxBytes();
  await refuseDeclaredOverLimit(req, limit);
  // Samples share the ingest slots, so bodies in memory stay within inflight × limit.
  const slot = await ingestLimit().acquire();
  if ("refused" in slot) return busyResponse(slot.refused);
  try {
    const batch = await parseSampleBatch(req, limit);
    const result = await recordSamples(await getStore(), service, batch);
    return NextResponse.json({ accepted: true, ...result }, { status: 202 });
  } finally {
    slot.release();
  }
});
