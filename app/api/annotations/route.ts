import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { recordCompatEvent } from "@/lib/compat/record-event";
import { grafanaAnnotationSchema } from "@/lib/compat/schema";
import { deploymentFromGrafanaAnnotation } from "@/lib/compat/to-deployment";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { getStore } from "@/lib/store";

// POST /api/annotations — Grafana's annotations API: a `deploy`/`rollback` annotation becomes a deployment (see docs/compatibility.md)
export const POST = apiRoute(async (req) => {
  requireWriter(req);
  const annotation = await parseJsonBody(req, grafanaAnnotationSchema);
  const { deployment, warnings } = await recordCompatEvent(await getStore(), deploymentFromGrafanaAnnotation(annotation), "grafana-annotation");
  return NextResponse.json({ message: "Annotation added", id: deployment.id, warnings });
});
