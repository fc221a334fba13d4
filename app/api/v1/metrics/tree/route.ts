import { NextResponse } from "next/server";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { metricTreePage, treeQuerySchema } from "@/lib/metrics/tree-query";
import { getMetricsSource } from "@/lib/metrics-source";

// GET /api/v1/metrics/tree?prefix=auth.api&q=&offset=0&limit=100 — one page of the name tree's branches under a prefix, with counts
export const GET = apiRoute(async (req) => {
  const query = parseQuery(req, treeQuerySchema);
  return NextResponse.json(await metricTreePage(await getMetricsSource(), query));
});
