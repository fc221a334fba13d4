import "server-only";
import { z } from "zod";
import { deployTags, eventData, eventTitle, matchesTags } from "@/lib/graphite/events";
import type { Store } from "@/lib/store/types";

/** An annotation as Grafana's `GET /api/annotations` answers it (docs/sources/developers/http_api/annotations.md); times in ms. */
export interface GrafanaAnnotationOut {
  id: number;
  alertId: 0;
  dashboardId: 0;
  dashboardUID: "";
  panelId: 0;
  userId: 0;
  userName: string;
  newState: "";
  prevState: "";
  time: number;
  timeEnd: number;
  text: string;
  metric: "";
  tags: string[];
  data: { service: string; environment: string; version: string; kind: string; status: string };
}

const booleanParam = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** Grafana's query parameters; `tags` may repeat (AND, or OR with matchAny=true). */
export const annotationQuerySchema = z.object({
  // Epoch ms, up to the last time a Date holds (a bigint column takes no more).
  from: z.coerce.number().int().nonnegative().max(8.64e15).optional(),
  to: z.coerce.number().int().nonnegative().max(8.64e15).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  tags: z.array(z.string().max(200)).max(50).default([]),
  matchAny: booleanParam.default(false),
  type: z.enum(["alert", "annotation"]).optional(),
});

export type AnnotationQuery = z.infer<typeof annotationQuerySchema>;

/**
 * Deploys as Grafana organisation annotations, newest first as Grafana lists them: a deploy is an
 * annotation from its start to its finish, tagged like the Graphite events (kind, service,
 * environment, status, version). Deploys are not alerts, so `type=alert` finds none.
 */
export async function listAnnotations(store: Store, query: AnnotationQuery): Promise<GrafanaAnnotationOut[]> {
  if (query.type === "alert") return [];
  const deploys = await store.listDeployments({ from: query.from, to: query.to, limit: 10_000 });
  const out: GrafanaAnnotationOut[] = [];
  for (const d of deploys) {
    const tags = deployTags(d);
    if (!matchesTags(tags, query.tags, query.matchAny ? "union" : "intersection")) continue;
    out.push({
      id: d.id,
      alertId: 0,
      dashboardId: 0,
      dashboardUID: "",
      panelId: 0,
      userId: 0,
      userName: d.author ?? "",
      newState: "",
      prevState: "",
      time: d.startedAt,
      timeEnd: d.finishedAt ?? d.startedAt,
      text: `${eventTitle(d)}: ${eventData(d)}`,
      metric: "",
      tags,
      data: { service: d.service, environment: d.environment, version: d.version, kind: d.kind, status: d.status },
    });
    if (out.length >= query.limit) break;
  }
  return out;
}
