import "server-only";
import { badRequest } from "@/lib/http/api-error";
import { notifyRollback } from "@/lib/notifications/enqueue";
import type { Store } from "@/lib/store/types";
import { promotionWarnings } from "./promotion";
import type { DeploymentInput } from "./schema";

/**
 * Records a deploy: fills in the previous version from the environment's history, flags a
 * skipped promotion order as warnings (recorded, not refused), and, for a rollback that
 * names the deploy it undoes, marks that deploy rolled back.
 */
export async function recordDeployment(store: Store, input: DeploymentInput, source = "api") {
  if (input.rollbackOf) await checkRollbackTarget(store, input);
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
  if (input.kind === "rollback") await notifyRollback(store, deployment);
  return { deployment, warnings };
}

/** A rollback must name a deploy of the same service and environment: a typo must not mark another service's deploy rolled back. */
async function checkRollbackTarget(store: Store, input: DeploymentInput): Promise<void> {
  const target = await store.getDeployment(input.rollbackOf!);
  if (!target) throw badRequest(`rollbackOf: deployment ${input.rollbackOf} does not exist`, [{ where: "rollbackOf", message: "no such deployment" }]);
  if (target.service !== input.service || target.environment !== input.environment) {
    throw badRequest(`rollbackOf: deployment ${target.id} is ${target.service} in ${target.environment}, not ${input.service} in ${input.environment}`, [
      { where: "rollbackOf", message: "must name a deploy of the same service and environment" },
    ]);
  }
}

/** The version live in an environment at a time: the latest deploy there that succeeded. */
export async function liveVersion(store: Store, service: string, environment: string, at?: number): Promise<string | undefined> {
  const [latest] = await store.listDeployments({ service, environment, status: "succeeded", to: at, limit: 1 });
  return latest?.version;
}
