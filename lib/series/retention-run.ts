import "server-only";
import { readEnv } from "@/lib/config/env";
import type { Job } from "@/lib/server/jobs";
import type { Resolution, Store } from "@/lib/store/types";
import { retentionCutoffs } from "./retention";
import { setCurrentRetention } from "./retention-policy";
import { loadRetention } from "./retention-settings";

const LAST_RUN = "retention.lastRun";

export interface RetentionRun {
  at: number;
  durationMs: number;
  cutoffs: Record<Resolution, number>;
  deleted: Record<Resolution, number>;
}

/**
 * Deletes everything older than the policy allows, per resolution, and records the run in
 * settings so that every instance's status page shows it (the job runs on one instance only).
 * The policy is re-read first: another instance may have changed it through the API.
 */
export async function runRetention(store: Store, now: number = Date.now()): Promise<RetentionRun> {
  const { policy } = await loadRetention(store, readEnv().DEPLOYLINES_RETENTION);
  setCurrentRetention(policy);
  const cutoffs = retentionCutoffs(policy, now);
  const started = Date.now();
  const deleted = await store.enforceRetention(cutoffs);
  const run: RetentionRun = { at: now, durationMs: Date.now() - started, cutoffs, deleted };
  await store.setSetting(LAST_RUN, run);
  console.log(`[deploylines] retention: deleted ${deleted.raw} raw points, ${deleted["1m"]} 1m and ${deleted["1h"]} 1h rollups in ${run.durationMs} ms`);
  return run;
}

/** The last retention run on any instance, or null before the first. */
export async function lastRetentionRun(store: Store): Promise<RetentionRun | null> {
  return (await store.getSetting<RetentionRun>(LAST_RUN)) ?? null;
}

/** Every ten minutes, on whichever instance holds the lease. */
export const retentionJob: Job = { name: "retention", everyMs: 10 * 60_000, run: (store) => runRetention(store) };
