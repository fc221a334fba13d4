import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { readEnv } from "@/lib/config/env";
import { recordCompatEvent } from "@/lib/compat/record-event";
import { grafanaAnnotationSchema } from "@/lib/compat/schema";
import { deploymentFromGrafanaAnnotation } from "@/lib/compat/to-deployment";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// POST /api/annotations — Grafana's annotations API: every annotation becomes a deployment (see docs/compatibility.md)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const annotation = await parseJsonBody(req, grafanaAnnotationSchema);
  const store = await getStore();
  const fallback = { defaultService: readEnv().DEPLOYLINES_DEFAULT_SERVICE, services: (await store.listServices()).map((s) => s.name) };
  const { deployment, warnings } = await recordCompatEvent(store, deploymentFromGrafanaAnnotation(annotation, fallback), "grafana-annotation");
  return NextResponse.json({ message: "Annotation added", id: deployment.id, warnings });
});
