import "server-only";
import { notFound } from "@/lib/http/api-error";
import type { DeploymentRow, Store } from "@/lib/store/types";

/**
 * The deploy a compare side names: a deployment id of the service, else the latest deploy of
 * that version in the environment (one that did not fail, when there is one; a deploy of it rather
 * than a rollback to it, whose first minutes are the recovery from the version before).
 */
export async function resolveDeploy(store: Store, service: string, environment: string, ref: string): Promise<DeploymentRow> {
  if (/^\d+$/.test(ref)) {
    const byId = await store.getDeployment(Number(ref));
    if (byId?.service === service) return byId;
  }
  const deploys = await store.listDeployments({ service, environment, version: ref, limit: 50 });
  const found = deploys.find((d) => d.status !== "failed" && d.kind === "deploy") ?? deploys.find((d) => d.status !== "failed") ?? deploys[0];
  if (!found) throw notFound(`no deploy of ${service} ${ref} in ${environment} (give a version deployed there, or a deployment id)`);
  return found;
}
