import { NextResponse } from "next/server";
import { deployCommits } from "@/lib/deploys/commits";
import { notFound } from "@/lib/http/api-error";
import { apiRoute, parseId } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

type Ctx = { params: Promise<{ id: string }> };

// GET /api/v1/deployments/{id}/commits — the commits between the previous live version and this deploy's (suspects when its verdict failed or degraded)
export const GET = apiRoute<Ctx>(async (_req, { params }) => {
  const id = parseId((await params).id);
  const store = await getStore();
  const row = await store.getDeployment(id);
  if (!row) throw notFound(`deployment ${id} not found`);
  return NextResponse.json({ deployment: id, ...(await deployCommits(store, row)) });
});
