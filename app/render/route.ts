import { NextResponse, type NextRequest } from "next/server";
import { graphiteParams } from "@/lib/graphite/params";
import { renderTargets } from "@/lib/graphite/render";
import { apiRoute } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /render?target=&from=&until=&format=json&maxDataPoints= — Graphite render API (the subset in docs/grafana.md)
export const GET = apiRoute(async (req: NextRequest) => {
  return NextResponse.json(await renderTargets(await getStore(), await graphiteParams(req)));
});

// POST /render — the same, form-encoded, as Grafana's Graphite data source sends it
export const POST = GET;
