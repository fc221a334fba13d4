import { NextResponse } from "next/server";
import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import { apiRoute, parseQuery } from "@/lib/http/handler";
import { listRollbacks } from "@/lib/rollbacks/list";
import { getStore } from "@/lib/store";

const rollbackFilterSchema = z.object({ service: nameSchema.optional() });

// GET /api/v1/rollbacks?service= — every rollback: from → to, why, who, and the time to restore
export const GET = apiRoute(async (req) => {
  const filter = parseQuery(req, rollbackFilterSchema);
  return NextResponse.json({ rollbacks: await listRollbacks(await getStore(), filter) });
});
