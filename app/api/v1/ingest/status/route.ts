import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { ingestStats } from "@/lib/ingest/stats";

// GET /api/v1/ingest/status — points accepted, malformed lines and batches written per source (http, graphite, statsd)
export const GET = apiRoute(async () => NextResponse.json({ sources: ingestStats().snapshot(), time: Date.now() }));
