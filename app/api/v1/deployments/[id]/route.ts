import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { presentDeployment } from "@/lib/deploys/present";
import { deploymentPatchSchema } from "@/lib/deploys/schema";
import { updateDeployment } from "@/lib/deploys/update";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseId, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ id: string }> };

// GET /api/v1/deployments/{id} — one deploy with its verdict and progress events
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  const store = await getStore();
  const row = await store.getDeployment(id);
  if (!row) throw notFound(`deployment ${id} not found`);
  return NextResponse.json({ deployment: presentDeployment(row), events: await store.deploymentEvents(id) });
});

// PATCH /api/v1/deployments/{id} — report progress, finish, or fail a deploy
export const PATCH = apiRoute<Ctx>(async (req, { params }) => {
  requireWriter(req);
  const id = parseId((await params).id);
  const patch = await parseJsonBody(req, deploymentPatchSchema);
  const row = await updateDeployment(await getStore(), id, patch);
  return NextResponse.json({ deployment: presentDeployment(row) });
});
