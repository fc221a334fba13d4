import { NextResponse } from "next/server";
import { environmentOrderSchema } from "@/lib/environments/schema";
import { route } from "@/lib/http/route";
import { getStore } from "@/lib/store";

// GET /api/v1/environments — the promotion order, lowest first
export const GET = route({ scope: "public" }, async () => {
  const rows = await (await getStore()).listEnvironments();
  return NextResponse.json({ environments: rows.map((e) => e.name) });
});

// PUT /api/v1/environments — replace the promotion order, e.g. {"environments":["test","staging","prod"]} (admin)
export const PUT = route({ scope: "admin", body: environmentOrderSchema }, async ({ body }) => {
  const rows = await (await getStore()).setEnvironments(body.environments);
  return NextResponse.json({ environments: rows.map((e) => e.name) });
});
