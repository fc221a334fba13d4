import { NextResponse } from "next/server";
import { requireWriter } from "@/lib/auth/require-writer";
import { readEnv } from "@/lib/config/env";
import { recordCompatEvent } from "@/lib/compat/record-event";
import { annotationQuerySchema, listAnnotations } from "@/lib/compat/list-annotations";
import { grafanaAnnotationSchema } from "@/lib/compat/schema";
import { deploymentFromGrafanaAnnotation } from "@/lib/compat/to-deployment";
import { badRequest } from "@/lib/http/api-error";
import { apiRoute, parseJsonBody } from "@/lib/http/handler";
import { problemsFromZod } from "@/lib/http/problem";
import { refuseMalformedQuery } from "@/lib/http/segment";
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

// GET /api/annotations?from=&to=&tags=&limit=&matchAny=&type= — deploys in Grafana's annotation shape, newest first
export const GET = apiRoute(async (req) => {
  const search = req.nextUrl.searchParams;
  refuseMalformedQuery(req.nextUrl.search, search);
  const raw = { ...Object.fromEntries(search), tags: search.getAll("tags") };
  const parsed = annotationQuerySchema.safeParse(raw);
  if (!parsed.success) throw badRequest("invalid query parameters", problemsFromZod(parsed.error));
  return NextResponse.json(await listAnnotations(await getStore(), parsed.data));
});
