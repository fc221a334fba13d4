import "server-only";
import { recordDeployment } from "@/lib/deploys/record";
import type { DeploymentInput } from "@/lib/deploys/schema";
import { badRequest } from "@/lib/http/api-error";
import type { Store } from "@/lib/store/types";
import type { TagMapping } from "./tags";

/**
 * Records a deployment mapped from another tool's event. A rollback event names no deploy, so
 * it undoes the one live in its environment then, when that runs another version.
 */
export async function recordCompatEvent(store: Store, mapping: TagMapping, source: "graphite-event" | "grafana-annotation") {
  if (!mapping.ok) throw badRequest("cannot map this event to a deploy", mapping.problems);
  const input: DeploymentInput = { ...mapping.input };
  if (input.kind === "rollback" && !input.rollbackOf) {
    const [live] = await store.listDeployments({ service: input.service, environment: input.environment, status: "succeeded", to: input.startedAt, limit: 1 });
    if (live && live.version !== input.version) input.rollbackOf = live.id;
  }
  return recordDeployment(store, input, source);
}
