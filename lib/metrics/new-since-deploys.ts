import "server-only";
import { metricsSourceFor } from "@/lib/metrics-source";
import { z } from "zod";
import { nameSchema } from "@/lib/deploys/schema";
import type { Store } from "@/lib/store/types";
import { timeSchema } from "@/lib/time/time-schema";
import { firstAppearances, type DeployAppearances } from "./first-appearances";

export const newSinceDeploysQuerySchema = z.object({
  service: nameSchema.optional(),
  from: timeSchema.prefault("-30d"),
  /** Metrics listed per deploy; `total` says how many appeared in all. */
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export type NewSinceDeploysQuery = z.infer<typeof newSinceDeploysQuerySchema>;

type DeployRef = { id: number; service: string; environment: string; version: string; kind: string; status: string; startedAt: number };

/** For the deploys since `from` (of one service or all), the metrics that first appeared after each. */
export async function newMetricsSinceDeploys(store: Store, query: NewSinceDeploysQuery): Promise<{ deploys: DeployAppearances<DeployRef>[]; checked: number }> {
  const source = metricsSourceFor(store);
  // A remote backend's catalogue has no first-seen times: nothing can be said to have appeared after a deploy.
  const listed = source.backend.kind === "embedded" ? source.listSeries() : Promise.resolve([]);
  const [rows, metrics] = await Promise.all([store.listDeployments({ service: query.service, from: query.from, limit: 5000 }), listed]);
  const deploys: DeployRef[] = rows.map(({ id, service, environment, version, kind, status, startedAt }) => ({ id, service, environment, version, kind, status, startedAt }));
  const candidates = metrics
    .filter((m) => m.firstSeen >= query.from)
    .map(({ name, kind, unit, firstSeen }) => ({ name, kind, unit, firstSeen }));
  return { deploys: firstAppearances(deploys, candidates, query.limit), checked: deploys.length };
}
