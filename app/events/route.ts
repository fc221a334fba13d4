import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { recordCompatEvent } from "@/lib/compat/record-event";
import { graphiteEventSchema } from "@/lib/compat/schema";
import { deploymentFromGraphiteEvent } from "@/lib/compat/to-deployment";
import { presentDeployment } from "@/lib/deploys/present";
import { readEnv } from "@/lib/config/env";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// POST /events/ — Graphite's events API: a `deploy`/`rollback` event becomes a deployment, another event a deploy of the service its tags name or DEPLOYLINES_DEFAULT_SERVICE (see docs/compatibility.md)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const event = await parseJsonBody(req, graphiteEventSchema);
  const store = await getStore();
  const fallback = { defaultService: readEnv().DEPLOYLINES_DEFAULT_SERVICE, services: (await store.listServices()).map((s) => s.name) };
  const { deployment, warnings } = await recordCompatEvent(store, deploymentFromGraphiteEvent(event, fallback), "graphite-event");
  return NextResponse.json({ success: true, id: deployment.id, deployment: presentDeployment(deployment), warnings });
});
