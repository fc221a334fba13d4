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
  /** Dark-launch samples, deploy timeline events and finished webhook deliveries deleted. */
  history?: { samples: number; events: number; deliveries: number };
}

/**
 * Deletes everything older than the policy allows, per resolution, and records the run in
 * settings so that every instance's status page shows it (the job runs on one instance only).
 * The policy is re-read first: another instance may have changed it through the API.
 */
export async function runRetention(store: Store, now: number = Date.now()): Promise<RetentionRun> {
  const env = readEnv();
  const { policy } = await loadRetention(store, env.DEPLOYLINES_RETENTION);
  setCurrentRetention(policy);
  const cutoffs = retentionCutoffs(policy, now);
  const started = Date.now();
  const deleted = await store.enforceRetention(cutoffs);
  // The delivery log is kept as long as the events it reports on.
  const history = await store.purgeHistory({ samplesBefore: now - env.DEPLOYLINES_SAMPLES_RETENTION, eventsBefore: now - env.DEPLOYLINES_EVENTS_RETENTION, deliveriesBefore: now - env.DEPLOYLINES_EVENTS_RETENTION });
  const run: RetentionRun = { at: now, durationMs: Date.now() - started, cutoffs, deleted, history };
  await store.setSetting(LAST_RUN, run);
  console.log(`[deploylines] retention: deleted ${deleted.raw} raw points, ${deleted["1m"]} 1m and ${deleted["1h"]} 1h rollups, ${history.samples} dark-launch samples, ${history.events} deploy events and ${history.deliveries} webhook deliveries in ${run.durationMs} ms`);
  return run;
}

/** The last retention run on any instance, or null before the first. */
export async function lastRetentionRun(store: Store): Promise<RetentionRun | null> {
  return (await store.getSetting<RetentionRun>(LAST_RUN)) ?? null;
}

/** Every ten minutes, on whichever instance holds the lease. */
export const retentionJob: Job = { name: "retention", everyMs: 10 * 60_000, run: (store) => runRetention(store) };
