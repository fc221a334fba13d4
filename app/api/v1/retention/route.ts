import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { setCurrentRetention } from "@/lib/series/retention-policy";
import { retentionBodySchema } from "@/lib/series/retention-schema";
import { saveRetention } from "@/lib/series/retention-settings";
import { retentionView } from "@/lib/series/retention-view";
import { getStore } from "@/lib/store";

// GET /api/v1/retention — how long each resolution is kept, where that came from, and the last retention run
export const GET = route({ scope: "public" }, async () => NextResponse.json(await retentionView(await getStore())));

// PUT /api/v1/retention — set {"raw":"14d","1m":"90d","1h":"3y"} (raw ≤ 1m ≤ 1h); wins over DEPLOYLINES_RETENTION (admin)
export const PUT = route({ scope: "admin", body: retentionBodySchema }, async ({ body: policy }) => {
  const store = await getStore();
  await saveRetention(store, policy);
  setCurrentRetention(policy);
  return NextResponse.json(await retentionView(store));
});
