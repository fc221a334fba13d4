import type { DeploymentRow } from "@/lib/store/types";

export interface LiveVersion {
  environment: string;
  version: string | null;
  since: number | null;
}

/**
 * What is live in each environment, from a service's deploys newest first: the latest deploy
 * there that succeeded (a rolled-back one no longer counts; a rollback that succeeded does).
 */
export function liveVersions(recent: readonly DeploymentRow[], environments: readonly string[]): LiveVersion[] {
  return environments.map((environment) => {
    const current = recent.find((d) => d.environment === environment && d.status === "succeeded");
    return { environment, version: current?.version ?? null, since: current?.finishedAt ?? current?.startedAt ?? null };
  });
}
