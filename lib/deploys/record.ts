import "server-only";
import type { Store } from "@/lib/store/types";
import { promotionWarnings } from "./promotion";
import type { DeploymentInput } from "./schema";

/**
 * Records a deploy: fills in the previous version from the environment's history, flags a
 * skipped promotion order as warnings (recorded, not refused), and, for a rollback that
 * names the deploy it undoes, marks that deploy rolled back.
 */
export async function recordDeployment(store: Store, input: DeploymentInput, source = "api") {
  const previous = input.previousVersion ?? (await liveVersion(store, input.service, input.environment, input.startedAt));
  const warnings = input.kind === "deploy" ? await promotionWarnings(store, input.service, input.version, input.environment) : [];
  const deployment = await store.createDeployment({ ...input, previousVersion: previous ?? null, warnings, source });
  if (input.kind === "rollback" && input.rollbackOf) {
    await store.updateDeployment(input.rollbackOf, { status: "rolled_back" }, {
      status: "rolled_back",
      message: `rolled back by deployment ${deployment.id}`,
      // On the undone deploy's timeline the rollback happens when it started, even when recorded later (a backfill, the demo).
      ts: deployment.startedAt,
    });
  }
  return { deployment, warnings };
}

/** The version live in an environment at a time: the latest deploy there that succeeded. */
export async function liveVersion(store: Store, service: string, environment: string, at?: number): Promise<string | undefined> {
  const [latest] = await store.listDeployments({ service, environment, status: "succeeded", to: at, limit: 1 });
  return latest?.version;
}
