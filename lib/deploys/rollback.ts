import "server-only";
import { badRequest, conflict, notFound } from "@/lib/http/api-error";
import type { Store } from "@/lib/store/types";
import { recordDeployment } from "./record";
import { planRollback } from "./rollback-plan";
import type { RollbackRequest } from "./rollback-schema";

/** Records a rollback of deployment `id` (see `planRollback`); the deploy it undoes becomes rolled_back. */
export async function rollbackDeployment(store: Store, id: number, request: RollbackRequest) {
  const target = await store.getDeployment(id);
  if (!target) throw notFound(`deployment ${id} not found`);
  const environment = { service: target.service, environment: target.environment };
  const at = request.startedAt ?? Date.now();
  const [history, newer] = await Promise.all([
    store.listDeployments({ ...environment, to: target.startedAt, limit: 5000 }),
    store.listDeployments({ ...environment, from: target.startedAt, to: at, limit: 50 }),
  ]);
  const plan = planRollback(target, history, request, newer, at);
  if (!plan.ok && plan.replaced) throw conflict(plan.reason, [{ where: "deployment", message: plan.reason }]);
  if (!plan.ok) throw badRequest(plan.reason, [{ where: request.version ? "version" : "deployment", message: plan.reason }]);
  return recordDeployment(store, plan.input);
}
