import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { recordCompatEvent } from "@/lib/compat/record-event";
import { graphiteEventSchema } from "@/lib/compat/schema";
import { deploymentFromGraphiteEvent } from "@/lib/compat/to-deployment";
import { presentDeployment } from "@/lib/deploys/present";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// POST /events/ — Graphite's events API: a `deploy`/`rollback` event becomes a deployment (see docs/compatibility.md)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const event = await parseJsonBody(req, graphiteEventSchema);
  const { deployment, warnings } = await recordCompatEvent(await getStore(), deploymentFromGraphiteEvent(event), "graphite-event");
  return NextResponse.json({ success: true, id: deployment.id, deployment: presentDeployment(deployment), warnings });
});
