import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { jobActivity } from "@/lib/server/jobs";
import { getMetricsSource } from "@/lib/metrics-source";
import { getStore } from "@/lib/store";

// GET /api/v1/health — liveness, the store in use, the metrics backend (reachable? how fast?), and which background jobs this instance ran
export const GET = apiRoute(async () => {
  const [store, source] = await Promise.all([getStore(), getMetricsSource()]);
  const { instance, jobs } = jobActivity();
  const metrics = { ...source.backend, ...(await source.health()) };
  return NextResponse.json({ ok: true, store: store.dialect, metrics, time: Date.now(), instance, jobs });
});
