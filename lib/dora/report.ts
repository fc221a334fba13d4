import "server-only";
import type { Store } from "@/lib/store/types";
import { computeDora, type DoraReport } from "./compute";
import type { DoraQuery } from "./schema";

/**
 * DORA's four keys for a service in an environment over [from, to], from the stored deploys
 * and builds. Deploys after `to` are read too: one of them may restore a failure in the period.
 */
export async function doraReport(store: Store, query: DoraQuery): Promise<DoraReport> {
  const environment = query.environment ?? (await store.listEnvironments()).at(-1)?.name ?? "prod";
  const [deployments, builds, earlier] = await Promise.all([
    store.listDeployments({ service: query.service, environment, from: query.from, limit: 5000 }),
    store.listBuilds({ service: query.service }),
    store.countDeployments({ service: query.service, environment, to: query.from - 1 }),
  ]);
  // With deploys before the period, the record starts before it; otherwise at the first deploy in it.
  const firstInPeriod = deployments.reduce<number | null>((min, d) => (min === null || d.startedAt < min ? d.startedAt : min), null);
  const firstDeployAt = earlier > 0 ? query.from - 1 : firstInPeriod;
  const bucketDays = query.bucketDays ?? Math.max(1, Math.round((query.to - query.from) / 86_400_000 / 10));
  return computeDora({ service: query.service, environment, from: query.from, to: query.to, deployments, builds, bucketDays, firstDeployAt, minFailureMinutes: query.minFailureMinutes });
}
