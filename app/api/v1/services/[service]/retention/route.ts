import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { retentionInputSchema } from "@/lib/builds/schema";
import { nameSchema } from "@/lib/deploys/schema";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseJsonBody, parseParam } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// GET /api/v1/services/{service}/retention — how many builds the service keeps
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const name = parseParam((await params).service, nameSchema, "service");
  const service = await (await getStore()).getService(name);
  if (!service) throw notFound(`service ${name} not found`);
  return NextResponse.json({ service: name, keepBuilds: service.keepBuilds });
});

// PUT /api/v1/services/{service}/retention — keep the newest N builds (plus live and last known good ones)
export const PUT = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const name = parseParam((await params).service, nameSchema, "service");
  const { keepBuilds } = await parseJsonBody(req, retentionInputSchema);
  const service = await (await getStore()).upsertService(name, { keepBuilds });
  return NextResponse.json({ service: name, keepBuilds: service.keepBuilds });
});
