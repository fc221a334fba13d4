import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { apiRoute } from "@/lib/http/handler";
import { runRetention } from "@/lib/series/retention-run";
import { getStore } from "@/lib/store";

// POST /api/v1/retention/run — enforce the retention policy now rather than at the job's next tick; answers the run
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  return NextResponse.json(await runRetention(await getStore()));
});
