import { NextResponse } from "next/server";
import { deployCommits } from "@/lib/deploys/commits";
import { notFound } from "@/lib/http/api-error";
import { idParamSchema } from "@/lib/http/id-param";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";

// GET /api/v1/deployments/{id}/commits — the commits between the previous live version and this deploy's (suspects when its verdict failed or degraded)
export const GET = route({ scope: "public", params: { id: idParamSchema } }, async ({ params: { id } }) => {
  const store = await getStore();
  const row = await store.getDeployment(id);
  if (!row) throw notFound(`deployment ${id} not found`);
  return NextResponse.json({ deployment: id, ...(await deployCommits(store, row)) });
});
