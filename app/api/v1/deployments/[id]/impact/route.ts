import { NextResponse } from "next/server";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseId } from "@/lib/http/handler";
import { deploymentImpact, type StoredImpact } from "@/lib/impact/deployment-impact";
import { isSuspect } from "@/lib/impact/suspect";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ id: string }> };

// GET /api/v1/deployments/{id}/impact — before/after change of every service metric (computed now when the job has not yet)
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  const store = await getStore();
  const deploy = await store.getDeployment(id);
  if (!deploy) throw notFound(`deployment ${id} not found`);
  const stored = deploy.impact as StoredImpact | null;
  const impact = stored ?? (await deploymentImpact(store, deploy));
  const suspect = stored ? deploy.suspect : isSuspect(impact);
  return NextResponse.json({ deploymentId: id, service: deploy.service, stored: stored !== null, suspect, impact });
});
