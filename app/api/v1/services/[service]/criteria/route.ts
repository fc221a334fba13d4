import { NextResponse } from "next/server";
import { nameSchema } from "@/lib/deploys/schema";
import { route } from "@/lib/http/route";
import { currentRetention } from "@/lib/series/retention-policy";
import { getStore } from "@/lib/store";
import { criteriaSchema } from "@/lib/verdicts/criteria-schema";
import { loadCriteria, saveCriteria } from "@/lib/verdicts/service-criteria";

const params = { service: nameSchema };

// GET /api/v1/services/{service}/criteria — the service's success criteria (null when none are set)
export const GET = route({ scope: "public", params }, async ({ params: { service } }) => {
  return NextResponse.json({ service, criteria: await loadCriteria(await getStore(), service) });
});

// PUT /api/v1/services/{service}/criteria — set the success criteria and re-judge the service's recent deploys (admin)
export const PUT = route({ scope: "admin", params, body: criteriaSchema }, async ({ params: { service }, body }) => {
  return NextResponse.json(await saveCriteria(await getStore(), service, body, currentRetention().raw));
});
