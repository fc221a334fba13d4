import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { environmentOrderSchema } from "@/lib/environments/schema";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// GET /api/v1/environments — the promotion order, lowest first
export const GET = apiRoute(async () => {
  const rows = await (await getStore()).listEnvironments();
  return NextResponse.json({ environments: rows.map((e) => e.name) });
});

// PUT /api/v1/environments — replace the promotion order, e.g. {"environments":["test","staging","prod"]}
export const PUT = apiRoute(async (req) => {
  requireWriter(req);
  const { environments } = await parseJsonBody(req, environmentOrderSchema);
  const rows = await (await getStore()).setEnvironments(environments);
  return NextResponse.json({ environments: rows.map((e) => e.name) });
});
