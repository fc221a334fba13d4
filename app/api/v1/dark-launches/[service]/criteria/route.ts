import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { darkLaunchCriteriaSchema } from "@/lib/dark-launch/schema";
import { saveCriteria } from "@/lib/dark-launch/save-criteria";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { parseName } from "@/lib/http/parse-name";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ service: string }> };

// PUT /api/v1/dark-launches/{service}/criteria — set the team's readiness criteria (unset fields take the defaults)
export const PUT = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const service = parseName((await params).service);
  // Strict: a misspelt field would otherwise be dropped and silently replaced by its default.
  const criteria = await parseJsonBody(req, darkLaunchCriteriaSchema.strict());
  return NextResponse.json({ service, criteria: await saveCriteria(await getStore(), service, criteria) });
});
