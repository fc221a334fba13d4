import { NextResponse } from "next/server";
import { doraReport } from "@/lib/dora/report";
import { doraQuerySchema } from "@/lib/dora/schema";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /api/v1/dora?service=&environment=&from=&to= — DORA's four keys for a service, with their trend
export const GET = apiRoute(async (req) => {
  const query = parseQuery(req, doraQuerySchema);
  return NextResponse.json(await doraReport(await getStore(), query));
});
