import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { presentDeployment } from "@/lib/deploys/present";
import { rollbackDeployment } from "@/lib/deploys/rollback";
import { rollbackRequestSchema } from "@/lib/deploys/rollback-schema";
import { apiRoute, parseId, parseOptionalJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ id: string }> };

// POST /api/v1/deployments/{id}/rollback — roll a deploy back to a version (default: the environment's last known good)
export const POST = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const id = parseId((await params).id);
  const request = await parseOptionalJsonBody(req, rollbackRequestSchema);
  const { deployment, warnings } = await rollbackDeployment(await getStore(), id, request);
  return NextResponse.json({ deployment: presentDeployment(deployment), warnings }, { status: 201 });
});
