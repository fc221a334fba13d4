import { NextResponse } from "next/server";
import { darkLaunchCriteriaSchema } from "@/lib/dark-launch/schema";
import { saveCriteria } from "@/lib/dark-launch/save-criteria";
import { nameSchema } from "@/lib/deploys/schema";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";

// Strict: a misspelt field would otherwise be dropped and silently replaced by its default.
const spec = { scope: "admin", params: { service: nameSchema }, body: darkLaunchCriteriaSchema.strict() } as const;

// PUT /api/v1/dark-launches/{service}/criteria — set the team's readiness criteria (unset fields take the defaults) (admin)
export const PUT = route(spec, async ({ params: { service }, body }) => {
  return NextResponse.json({ service, criteria: await saveCriteria(await getStore(), service, body) });
});
