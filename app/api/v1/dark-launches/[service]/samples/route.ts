import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { parseSampleBatch } from "@/lib/dark-launch/parse-batch";
import { recordSamples } from "@/lib/dark-launch/record-samples";
import { apiRoute } from "@/lib/http/handler";
import { parseName } from "@/lib/http/parse-name";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// POST /api/v1/dark-launches/{service}/samples — store a batch of mirrored-request samples (all or none)
export const POST = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const service = parseName((await params).service);
  const batch = await parseSampleBatch(req);
  const result = await recordSamples(await getStore(), service, batch);
  return NextResponse.json({ accepted: true, ...result }, { status: 202 });
});
