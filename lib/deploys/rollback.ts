import "server-only";
import { badRequest, notFound } from "@/lib/http/api-error";
import type { Store } from "@/lib/store/types";
import { recordDeployment } from "./record";
import { planRollback } from "./rollback-plan";
import type { RollbackRequest } from "./rollback-schema";

/** Records a rollback of deployment `id` (see `planRollback`); the deploy it undoes becomes rolled_back. */
export async function rollbackDeployment(store: Store, id: number, request: RollbackRequest) {
  const target = await store.getDeployment(id);
  if (!target) throw notFound(`deployment ${id} not found`);
  const history = await store.listDeployments({ service: target.service, environment: target.environment, to: target.startedAt, limit: 5000 });
  const plan = planRollback(target, history, request);
  if (!plan.ok) throw badRequest(plan.reason, [{ where: request.version ? "version" : "deployment", message: plan.reason }]);
  return recordDeployment(store, plan.input);
}
