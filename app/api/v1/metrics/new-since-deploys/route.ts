import { NextResponse } from "next/server";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { newMetricsSinceDeploys, newSinceDeploysQuerySchema } from "@/lib/metrics/new-since-deploys";
import { getStore } from "@/lib/store";

// GET /api/v1/metrics/new-since-deploys?service=&from=-30d — per deploy, the metrics first seen before the service's next deploy
export const GET = apiRoute(async (req) => {
  const query = parseQuery(req, newSinceDeploysQuerySchema);
  return NextResponse.json({ from: query.from, ...(await newMetricsSinceDeploys(await getStore(), query)) });
});
