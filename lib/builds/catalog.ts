import "server-only";
import type { BuildRow, Store } from "@/lib/store/types";
import type { BuildFilter } from "./schema";
import { buildReach, type BuildReach } from "./reach";
import { retentionDecisions, type KeepDecision } from "./retention";

export type BuildView = BuildRow & KeepDecision & BuildReach & { prunable: boolean };

export interface ServiceBuilds {
  service: string;
  keepBuilds: number;
  /** The promotion order, lowest first, then any other environment a build was deployed to. */
  environments: string[];
  builds: BuildView[];
}

/**
 * Every service's builds (or one service's), newest first, each with where it was deployed,
 * its promotion flags, and whether retention keeps it (see `retentionDecisions`).
 */
export async function serviceBuilds(store: Store, filter: Pick<BuildFilter, "service"> = {}): Promise<ServiceBuilds[]> {
  const [services, order] = await Promise.all([store.listServices(), store.listEnvironments()]);
  const chosen = services.filter((s) => !filter.service || s.name === filter.service);
  const names = order.map((e) => e.name);
  return Promise.all(
    chosen.map(async (service) => {
      const [builds, deploys] = await Promise.all([store.listBuilds({ service: service.name }), store.listDeployments({ service: service.name, limit: 5000 })]);
      const decisions = retentionDecisions(builds, deploys, service.keepBuilds);
      const built = new Set(builds.map((b) => b.version));
      // Environments outside the order only matter here when a recorded build went there (a dark launch may deploy unrecorded versions).
      const others = [...new Set(deploys.filter((d) => built.has(d.version)).map((d) => d.environment))].filter((e) => !names.includes(e)).sort();
      return {
        service: service.name,
        keepBuilds: service.keepBuilds,
        environments: [...names, ...others],
        builds: builds.map((b) => {
          const decision = decisions.get(b.version) ?? { kept: false, keptBecause: [] };
          return { ...b, ...decision, prunable: !decision.kept, ...buildReach(b.version, deploys, names) };
        }),
      };
    }),
  );
}

/** The builds list the API answers: flattened over services, optionally only the prunable (or only the kept) ones. */
export async function listBuildViews(store: Store, filter: BuildFilter): Promise<BuildView[]> {
  const all = (await serviceBuilds(store, filter)).flatMap((s) => s.builds);
  if (filter.prunable === undefined) return all;
  return all.filter((b) => b.prunable === (filter.prunable === "true"));
}
