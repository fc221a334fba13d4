import { NextResponse, type NextRequest } from "next/server";
import { graphiteEvents } from "@/lib/graphite/events";
import { graphiteParams } from "@/lib/graphite/params";
import { apiRoute } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /events/get_data?tags=deploy&from=-1d&until=now — deploys as graphite-web events (Grafana's Graphite annotation query)
export const GET = apiRoute(async (req: NextRequest) => {
  return NextResponse.json(await graphiteEvents(await getStore(), await graphiteParams(req)));
});
