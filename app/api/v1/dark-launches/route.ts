import { NextResponse } from "next/server";
import { darkLaunchOverviews } from "@/lib/dark-launch/overview";
import { apiRoute } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /api/v1/dark-launches — every dark launch with its headline figures and readiness
export const GET = apiRoute(async () => {
  return NextResponse.json({ darkLaunches: await darkLaunchOverviews(await getStore()) });
});
