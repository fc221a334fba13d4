import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /api/v1/health — liveness and the store in use
export const GET = apiRoute(async () => {
  const store = await getStore();
  return NextResponse.json({ ok: true, store: store.dialect, time: Date.now() });
});
