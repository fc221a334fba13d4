import "server-only";
import { badRequest, notFound } from "@/lib/http/api-error";
import type { DeploymentChanges, Store } from "@/lib/store/types";
import type { DeploymentPatch } from "./schema";

/**
 * Applies a progress report or a status change to a deploy and records it on its timeline.
 * A deploy that reaches a final status without a finish time finishes now.
 */
export async function updateDeployment(store: Store, id: number, patch: DeploymentPatch) {
  const current = await store.getDeployment(id);
  if (!current) throw notFound(`deployment ${id} not found`);
  const total = patch.instancesTotal ?? current.instancesTotal;
  if (patch.instancesDone !== undefined && total != null && patch.instancesDone > total) {
    throw badRequest("instancesDone exceeds instancesTotal", [{ where: "instancesDone", message: `${patch.instancesDone} > ${total}` }]);
  }
  const { message, ...fields } = patch;
  const changes: DeploymentChanges = { ...fields };
  const status = patch.status ?? current.status;
  if (patch.status && patch.status !== "in_progress" && patch.finishedAt === undefined && current.finishedAt == null) {
    changes.finishedAt = Date.now();
  }
  if (patch.finishedAt !== undefined && patch.finishedAt !== null && patch.finishedAt < current.startedAt) {
    throw badRequest("finishedAt is before startedAt", [{ where: "finishedAt", message: "a deploy cannot finish before it starts" }]);
  }
  // A new status re-opens the verdict (a failed rollout is failed without judging): the old one is not shown meanwhile.
  if (status !== "in_progress" && patch.status && current.verdictStatus !== "pending") Object.assign(changes, { verdictStatus: "pending", verdict: null, verdictAt: null });
  // A new finish time moves the after window, so the impact analysis is redone too.
  if (patch.finishedAt !== undefined || (patch.status && patch.status !== current.status)) Object.assign(changes, { impact: null, suspect: false });
  const progress = patch.instancesDone !== undefined ? ` ${patch.instancesDone}/${total ?? "?"} instances` : "";
  const row = await store.updateDeployment(id, changes, { status, message: message ?? (progress ? `progress:${progress}` : null) });
  if (!row) throw notFound(`deployment ${id} not found`);
  return row;
}
