import "server-only";
import type { Store } from "@/lib/store/types";
import { DEFAULT_RETENTION, type RetentionPolicy } from "./retention";

const SETTING = "retention.policy";

export type RetentionSource = "api" | "env" | "default";

/**
 * The policy in force: one saved through the API wins over `DEPLOYLINES_RETENTION`, which wins
 * over the built-in default. A stored value that no longer validates is ignored, not fatal.
 */
export async function loadRetention(store: Store, fromEnv: RetentionPolicy | null): Promise<{ policy: RetentionPolicy; source: RetentionSource }> {
  const saved = await store.getSetting<RetentionPolicy>(SETTING);
  if (saved && isPolicy(saved)) return { policy: saved, source: "api" };
  if (fromEnv) return { policy: fromEnv, source: "env" };
  return { policy: DEFAULT_RETENTION, source: "default" };
}

/** Persists a policy chosen through the API, so it survives restarts and reaches every instance. */
export async function saveRetention(store: Store, policy: RetentionPolicy): Promise<void> {
  await store.setSetting(SETTING, policy);
}

function isPolicy(value: RetentionPolicy): boolean {
  const ok = (ms: unknown) => typeof ms === "number" && Number.isFinite(ms) && ms > 0;
  return ok(value.raw) && ok(value["1m"]) && ok(value["1h"]) && value.raw <= value["1m"] && value["1m"] <= value["1h"];
}
