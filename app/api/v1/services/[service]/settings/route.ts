import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { nameSchema } from "@/lib/deploys/schema";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseJsonBody, parseParam } from "@/lib/http/handler";
import { serviceSettingsSchema } from "@/lib/services/settings-schema";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// GET /api/v1/services/{service}/settings — the service's build retention, log search URL template and key metrics
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const name = parseParam((await params).service, nameSchema, "service");
  const service = await (await getStore()).getService(name);
  if (!service) throw notFound(`service ${name} not found`);
  return NextResponse.json({ service: name, keepBuilds: service.keepBuilds, logUrlTemplate: service.logUrlTemplate, keyMetrics: service.keyMetrics ?? [] });
});

// PUT /api/v1/services/{service}/settings — set keepBuilds, logUrlTemplate ({service}, {from}, {to}) and/or keyMetrics
export const PUT = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const name = parseParam((await params).service, nameSchema, "service");
  const settings = await parseJsonBody(req, serviceSettingsSchema);
  const service = await (await getStore()).upsertService(name, settings);
  return NextResponse.json({ service: name, keepBuilds: service.keepBuilds, logUrlTemplate: service.logUrlTemplate, keyMetrics: service.keyMetrics ?? [] });
});
