import { NextResponse } from "next/server";
import { driftReport } from "@/lib/deploys/running-version/drift-report";
import { driftQuerySchema } from "@/lib/deploys/running-version/schema";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";

// GET /api/v1/drift?service=&environment= — per service and environment, the version it reports against the last recorded deploy
export const GET = route({ scope: "public", query: driftQuerySchema }, async ({ query }) => NextResponse.json(await driftReport(await getStore(), query)));
