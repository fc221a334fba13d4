import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { ingestStatus } from "@/lib/ingest/status";
import { getStore } from "@/lib/store";

// GET /api/v1/ingest/status — per source counts, listener ports and counters, scrape targets' health, backpressure, retention policy and last run
export const GET = apiRoute(async () => NextResponse.json(await ingestStatus(await getStore())));
