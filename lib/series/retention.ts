import type { Resolution } from "@/lib/store/types";

export const RESOLUTION_STEP_MS: Record<Exclude<Resolution, "raw">, number> = { "1m": 60_000, "1h": 3_600_000 };

/** How long each resolution is kept, in ms (Graphite-style retentions). */
export type RetentionPolicy = Record<Resolution, number>;

export const DEFAULT_RETENTION: RetentionPolicy = {
  raw: 14 * 86_400_000,
  "1m": 90 * 86_400_000,
  "1h": 3 * 365 * 86_400_000,
};

/** The oldest timestamp each resolution keeps at `now`. */
export function retentionCutoffs(policy: RetentionPolicy, now: number): Record<Resolution, number> {
  return { raw: now - policy.raw, "1m": now - policy["1m"], "1h": now - policy["1h"] };
}
