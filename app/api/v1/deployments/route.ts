import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { presentDeployment } from "@/lib/deploys/present";
import { recordDeployment } from "@/lib/deploys/record";
import { deploymentFilterSchema, deploymentInputSchema } from "@/lib/deploys/schema";
import { apiRoute, parseJsonBody, parseQuery } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// POST /api/v1/deployments — record a deploy (or a rollback with kind "rollback")
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const input = await parseJsonBody(req, deploymentInputSchema);
  const { deployment, warnings } = await recordDeployment(await getStore(), input);
  return NextResponse.json({ deployment: presentDeployment(deployment), warnings }, { status: 201 });
});

// GET /api/v1/deployments?service=&environment=&from=&to= — deploy history, newest first
export const GET = apiRoute(async (req) => {
  const filter = parseQuery(req, deploymentFilterSchema);
  const store = await getStore();
  const [rows, total] = await Promise.all([store.listDeployments(filter), store.countDeployments(filter)]);
  return NextResponse.json({ deployments: rows.map(presentDeployment), total, limit: filter.limit, offset: filter.offset });
});
