import { NextResponse } from "next/server";
import { z } from "zod";
import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { parseIngestBody } from "@/lib/ingest/parse-request";
import { matchMetrics } from "@/lib/series/read-series";
import { getStore } from "@/lib/store";

// POST /api/v1/metrics — store a batch of points (JSON series or Graphite plaintext)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const batch = parseIngestBody(req.headers.get("content-type"), await req.text());
  const store = await getStore();
  const result = await store.ingest(batch);
  return NextResponse.json({ accepted: true, ...result }, { status: 202 });
});

const listQuery = z.object({ match: z.string().max(500).default("*") });

// GET /api/v1/metrics?match=auth.*.latency.* — metric names matching a glob
export const GET = apiRoute(async (req) => {
  const { match } = parseQuery(req, listQuery);
  const store = await getStore();
  const metrics = match === "*" || match === "**" ? await store.listMetrics() : await matchMetrics(store, match);
  return NextResponse.json({
    metrics: metrics.map((m) => ({
      name: m.name,
      kind: m.kind,
      unit: m.unit,
      firstSeen: m.firstSeen,
      lastSeen: m.lastSeen,
      lastTs: m.lastTs,
      lastValue: m.lastValue,
    })),
  });
});
