import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { nameSchema } from "@/lib/deploys/schema";
import { badRequest } from "@/lib/http/api-error";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { currentRetention } from "@/lib/series/retention-policy";
import { getStore } from "@/lib/store";
import { criteriaSchema } from "@/lib/verdicts/criteria-schema";
import { loadCriteria, saveCriteria } from "@/lib/verdicts/service-criteria";

type Ctx = { params: Promise<{ service: string }> };

async function serviceParam(params: Ctx["params"]): Promise<string> {
  const raw = decodeURIComponent((await params).service);
  const parsed = nameSchema.safeParse(raw);
  if (!parsed.success) throw badRequest("invalid service name", [{ where: "service", message: parsed.error.issues[0].message }]);
  return parsed.data;
}

// GET /api/v1/services/{service}/criteria — the service's success criteria (null when none are set)
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const service = await serviceParam(params);
  return NextResponse.json({ service, criteria: await loadCriteria(await getStore(), service) });
});

// PUT /api/v1/services/{service}/criteria — set the success criteria and re-judge the service's recent deploys
export const PUT = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const service = await serviceParam(params);
  const criteria = await parseJsonBody(req, criteriaSchema);
  return NextResponse.json(await saveCriteria(await getStore(), service, criteria, currentRetention().raw));
});
