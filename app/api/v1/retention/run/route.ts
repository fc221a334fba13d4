import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { runRetention } from "@/lib/series/retention-run";
import { getStore } from "@/lib/store";

// POST /api/v1/retention/run — enforce the retention policy now rather than at the job's next tick; answers the run (admin)
export const POST = route({ scope: "admin" }, async () => NextResponse.json(await runRetention(await getStore())));
