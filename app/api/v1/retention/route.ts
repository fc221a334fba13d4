import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { setCurrentRetention } from "@/lib/series/retention-policy";
import { retentionBodySchema } from "@/lib/series/retention-schema";
import { saveRetention } from "@/lib/series/retention-settings";
import { retentionView } from "@/lib/series/retention-view";
import { getStore } from "@/lib/store";

// GET /api/v1/retention — how long each resolution is kept, where that came from, and the last retention run
export const GET = apiRoute(async () => NextResponse.json(await retentionView(await getStore())));

// PUT /api/v1/retention — set {"raw":"14d","1m":"90d","1h":"3y"} (raw ≤ 1m ≤ 1h); wins over DEPLOYLINES_RETENTION
export const PUT = apiRoute(async (req) => {
  requireWriter(req);
  const policy = await parseJsonBody(req, retentionBodySchema);
  const store = await getStore();
  await saveRetention(store, policy);
  setCurrentRetention(policy);
  return NextResponse.json(await retentionView(store));
});
