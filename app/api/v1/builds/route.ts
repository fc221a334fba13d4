import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { listBuildViews } from "@/lib/builds/catalog";
import { buildFilterSchema, buildInputSchema } from "@/lib/builds/schema";
import { apiRoute, parseJsonBody, parseQuery } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// POST /api/v1/builds — record a build of a service (idempotent per service+version)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const input = await parseJsonBody(req, buildInputSchema);
  const build = await (await getStore()).upsertBuild(input);
  return NextResponse.json({ build }, { status: 201 });
});

// GET /api/v1/builds?service=&prunable=true — builds, newest first, with where each went and whether retention keeps it
export const GET = apiRoute(async (req) => {
  const filter = parseQuery(req, buildFilterSchema);
  const builds = await listBuildViews(await getStore(), filter);
  return NextResponse.json({ builds });
});
