import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/http/handler";
import { serviceOverviews } from "@/lib/services/overview";
import { getStore } from "@/lib/store";

// GET /api/v1/services — every service with its live versions, last deploy and a sparkline
export const GET = apiRoute(async () => {
  return NextResponse.json({ services: await serviceOverviews(await getStore()) });
});
