import { newestFirst } from "@/lib/deploys/last-known-good";
import { passed } from "@/lib/deploys/passed";

export interface RetentionDeploy {
  id: number;
  environment: string;
  version: string;
  status: string;
  verdictStatus: string;
  startedAt: number;
}

export interface KeepDecision {
  kept: boolean;
  /** Every reason the build is kept, e.g. `live in prod`; empty when it may be pruned. */
  keptBecause: string[];
}

/**
 * Which builds of one service are kept as rollback targets: the newest `keepBuilds` builds, any
 * build live (or being deployed) in an environment, and each environment's last known good
 * version. Everything else is prunable — so a live build never is, whatever `keepBuilds` says.
 * `builds` are newest first; `deploys` are the service's deploys in any order.
 */
export function retentionDecisions(builds: readonly { version: string }[], deploys: readonly RetentionDeploy[], keepBuilds: number): Map<string, KeepDecision> {
  const reasons = new Map<string, string[]>(builds.map((b) => [b.version, []]));
  const keep = (version: string, why: string) => reasons.get(version)?.push(why);
  builds.slice(0, keepBuilds).forEach((b) => keep(b.version, `among the newest ${keepBuilds}`));
  const byEnvironment = new Map<string, RetentionDeploy[]>();
  for (const d of [...deploys].sort(newestFirst)) byEnvironment.set(d.environment, [...(byEnvironment.get(d.environment) ?? []), d]);
  for (const [environment, history] of byEnvironment) {
    const live = history.find((d) => d.status === "succeeded");
    if (live) keep(live.version, `live in ${environment}`);
    for (const d of history.filter((d) => d.status === "in_progress")) keep(d.version, `deploying to ${environment}`);
    const good = history.find(passed);
    if (good) keep(good.version, `last known good in ${environment}`);
  }
  return new Map([...reasons].map(([version, keptBecause]) => [version, { kept: keptBecause.length > 0, keptBecause: [...new Set(keptBecause)] }]));
}
