import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { jobActivity } from "@/lib/server/jobs";
import { getStore } from "@/lib/store";

// GET /api/v1/health — liveness, the store in use, and which background jobs this instance ran
export const GET = apiRoute(async () => {
  const store = await getStore();
  const { instance, jobs } = jobActivity();
  return NextResponse.json({ ok: true, store: store.dialect, time: Date.now(), instance, jobs });
});
