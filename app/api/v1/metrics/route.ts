import { NextResponse } from "next/server";
import { z } from "zod";
import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { ingestBody } from "@/lib/ingest/ingest-body";
import { busyResponse, ingestLimit } from "@/lib/ingest/ingest-limit";
import { matchMetrics } from "@/lib/series/read-series";
import { getStore } from "@/lib/store";

// POST /api/v1/metrics — store a batch of points (JSON series or Graphite plaintext); 503 + Retry-After when ingest is saturated
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  // The slot is taken before the body is read, so waiting requests hold no batch in memory.
  const slot = await ingestLimit().acquire();
  if ("refused" in slot) return busyResponse(slot.refused);
  try {
    const body = await req.text();
    const result = await ingestBody(await getStore(), req.headers.get("content-type"), body);
    return NextResponse.json({ accepted: true, ...result }, { status: 202 });
  } finally {
    slot.release();
  }
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
