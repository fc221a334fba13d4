import { NextResponse } from "next/server";
import { z } from "zod";
import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { ingestBody } from "@/lib/ingest/ingest-body";
import { matchMetrics } from "@/lib/series/read-series";
import { getStore } from "@/lib/store";

// POST /api/v1/metrics — store a batch of points (JSON series or Graphite plaintext)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const body = await req.text();
  const result = await ingestBody(await getStore(), req.headers.get("content-type"), body);
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
