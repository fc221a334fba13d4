import "server-only";
import { badRequest } from "@/lib/http/api-error";
import type { Store } from "@/lib/store/types";
import { gateDecision } from "./gate";
import type { GateQuery } from "./gate-schema";
import { promotionCheck } from "./promotion";

/**
 * May `version` go to `environment`? Answers the gate decision with each lower environment's
 * outcome; a target outside the promotion order is a 400, as a typo must not open the gate.
 */
export async function evaluateGate(store: Store, query: GateQuery) {
  const check = await promotionCheck(store, query.service, query.version, query.environment);
  if (!check.known) {
    const order = (await store.listEnvironments()).map((e) => e.name).join(" → ");
    throw badRequest(`environment ${query.environment} is not in the promotion order (${order}); set it with PUT /api/v1/environments`, [
      { where: "environment", message: `"${query.environment}" is not one of ${order}` },
    ]);
  }
  return { ...query, ...gateDecision(check, query.version, query.environment), environments: check.steps };
}
