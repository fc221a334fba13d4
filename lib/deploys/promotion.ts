import "server-only";
import type { Store } from "@/lib/store/types";

/**
 * Why deploying `version` to `environment` skips the promotion order: one reason per lower
 * environment where the version was never deployed or did not succeed. Empty when it is fine.
 */
export async function promotionWarnings(store: Store, service: string, version: string, environment: string): Promise<string[]> {
  const environments = await store.listEnvironments();
  const target = environments.find((e) => e.name === environment);
  if (!target) return [];
  const lower = environments.filter((e) => e.position < target.position);
  if (lower.length === 0) return [];
  const history = await store.listDeployments({ service, version, kind: "deploy", limit: 5000 });
  const warnings: string[] = [];
  for (const env of lower) {
    const there = history.filter((d) => d.environment === env.name);
    if (there.length === 0) warnings.push(`${version} was never deployed to ${env.name} before ${environment}`);
    else if (!there.some(passedIn)) {
      const latest = there[0];
      warnings.push(`${version} did not pass in ${env.name} (status ${latest.status}, verdict ${latest.verdictStatus})`);
    }
  }
  return warnings;
}

/** A deploy passed in its environment when it succeeded and its verdict did not fail. */
function passedIn(d: { status: string; verdictStatus: string }): boolean {
  return d.status === "succeeded" && d.verdictStatus !== "failed" && d.verdictStatus !== "degraded";
}
