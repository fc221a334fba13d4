import { NextResponse } from "next/server";
import { z } from "zod";
import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { ingestBody } from "@/lib/ingest/ingest-body";
import { acceptedResponse, acceptIngest } from "@/lib/ingest/ingest-request";
import { MAX_GLOB_LENGTH } from "@/lib/metrics/glob";
import { noMatchHint } from "@/lib/metrics/no-match-hint";
import { parseLabelKey } from "@/lib/series/labels";
import { getMetricsSource } from "@/lib/metrics-source";

// POST /api/v1/metrics — store a batch of points (JSON series, with labels, or Graphite plaintext; gzip or not); 413 past DEPLOYLINES_INGEST_MAX_BYTES; 503 + Retry-After when ingest is saturated
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  return acceptIngest(req, async (body, store) => acceptedResponse(await ingestBody(store, req.headers.get("content-type"), body)));
});

/** Names one answer lists; a page of 10,000 is what a metric picker or script can use. */
const MAX_LISTED = 10_000;

const listQuery = z.object({
  match: z.string().max(MAX_GLOB_LENGTH, `match is longer than ${MAX_GLOB_LENGTH} characters`).default("*"),
  limit: z.coerce.number().int().min(1).max(MAX_LISTED).default(MAX_LISTED),
});

// GET /api/v1/metrics?match=auth.*.latency.*&limit= — series matching a glob or selector (at most `limit`; `truncated` says when more match; `hint` says why nothing did)
export const GET = apiRoute(async (req) => {
  const { match, limit } = parseQuery(req, listQuery);
  const source = await getMetricsSource();
  // `*` and `**` list every metric, whatever its depth (as the page did before globs existed).
  const everything = async () => ({ metrics: await source.listSeries({ limit }), total: await source.countSeries() });
  const { metrics, total } = match === "*" || match === "**" ? await everything() : await source.matchSeries(match, "match", limit);
  return NextResponse.json({
    total,
    truncated: total > limit,
    ...(total === 0 ? { hint: await noMatchHint(source, match) } : {}),
    metrics: metrics.map((m) => ({
      name: m.name,
      labels: parseLabelKey(m.labels),
      kind: m.kind,
      unit: m.unit,
      firstSeen: m.firstSeen,
      lastSeen: m.lastSeen,
      lastTs: m.lastTs,
      lastValue: m.lastValue,
    })),
  });
});
