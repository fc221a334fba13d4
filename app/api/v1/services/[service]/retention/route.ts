import { NextResponse } from "next/server";
import { retentionInputSchema } from "@/lib/builds/schema";
import { nameSchema } from "@/lib/deploys/schema";
import { notFound } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";

const params = { service: nameSchema };

// GET /api/v1/services/{service}/retention — how many builds the service keeps
export const GET = route({ scope: "public", params }, async ({ params: { service: name } }) => {
  const service = await (await getStore()).getService(name);
  if (!service) throw notFound(`service ${name} not found`);
  return NextResponse.json({ service: name, keepBuilds: service.keepBuilds });
});

// PUT /api/v1/services/{service}/retention — keep the newest N builds (plus live and last known good ones) (admin)
export const PUT = route({ scope: "admin", params, body: retentionInputSchema }, async ({ params: { service: name }, body }) => {
  const service = await (await getStore()).upsertService(name, { keepBuilds: body.keepBuilds });
  return NextResponse.json({ service: name, keepBuilds: service.keepBuilds });
});
