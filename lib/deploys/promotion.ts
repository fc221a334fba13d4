import "server-only";
import type { Store } from "@/lib/store/types";
import { checkPromotion, type PromotionCheck } from "./promotion-check";

/**
 * Checks `version`'s promotion to `environment` against the configured order and the
 * service's deploy history (see `checkPromotion`).
 */
export async function promotionCheck(store: Store, service: string, version: string, environment: string): Promise<PromotionCheck> {
  const environments = await store.listEnvironments();
  if (!environments.some((e) => e.name === environment)) return checkPromotion(environments, [], version, environment);
  const history = await store.listDeployments({ service, version, kind: "deploy", limit: 5000 });
  return checkPromotion(environments, history, version, environment);
}

/**
 * Why deploying `version` to `environment` skips the promotion order: one reason per lower
 * environment where the version was never deployed or did not succeed. Empty when it is fine.
 */
export async function promotionWarnings(store: Store, service: string, version: string, environment: string): Promise<string[]> {
  return (await promotionCheck(store, service, version, environment)).warnings;
}
