import "server-only";
import type { DeploymentRow, Store } from "@/lib/store/types";

/** Where to roll a deploy back to: an earlier deploy of another version that went well. */
export interface RollbackTarget {
  deploymentId: number;
  version: string;
  startedAt: number;
}

/**
 * The last known good version in a deploy's environment before it: the latest earlier deploy
 * (or rollback) there, of another version, that succeeded and whose verdict is not failed.
 * Null when the environment has no such history.
 */
export async function lastKnownGood(store: Store, deploy: DeploymentRow): Promise<RollbackTarget | null> {
  const earlier = await store.listDeployments({ service: deploy.service, environment: deploy.environment, status: "succeeded", to: deploy.startedAt, limit: 200 });
  const good = earlier.find(
    (d) => d.id !== deploy.id && d.version !== deploy.version && d.verdictStatus !== "failed" && (d.startedAt < deploy.startedAt || d.id < deploy.id),
  );
  return good ? { deploymentId: good.id, version: good.version, startedAt: good.startedAt } : null;
}
