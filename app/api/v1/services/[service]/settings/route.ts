import { NextResponse } from "next/server";
import { nameSchema } from "@/lib/deploys/schema";
import { notFound } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { serviceSettingsSchema } from "@/lib/services/settings-schema";
import { getStore } from "@/lib/store";
import type { ServiceRow } from "@/lib/store/types";

const params = { service: nameSchema };

// GET /api/v1/services/{service}/settings — the service's build retention, log search and commit URL templates, key metrics
export const GET = route({ scope: "public", params }, async ({ params: { service: name } }) => {
  const service = await (await getStore()).getService(name);
  if (!service) throw notFound(`service ${name} not found`);
  return NextResponse.json(presentSettings(name, service));
});

// PUT /api/v1/services/{service}/settings — set keepBuilds, logUrlTemplate ({service}, {from}, {to}), commitUrlTemplate ({sha}) and/or keyMetrics (admin)
export const PUT = route({ scope: "admin", params, body: serviceSettingsSchema }, async ({ params: { service: name }, body }) => {
  return NextResponse.json(presentSettings(name, await (await getStore()).upsertService(name, body)));
});

function presentSettings(name: string, service: ServiceRow) {
  return { service: name, keepBuilds: service.keepBuilds, logUrlTemplate: service.logUrlTemplate, commitUrlTemplate: service.commitUrlTemplate, keyMetrics: service.keyMetrics ?? [] };
}
