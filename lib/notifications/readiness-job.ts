import "server-only";
import { darkLaunchOverviews } from "@/lib/dark-launch/overview";
import type { Job } from "@/lib/server/jobs";
import type { Store } from "@/lib/store/types";
import { notifyReadiness } from "./enqueue";

/**
 * Re-assesses every dark launch's readiness and notifies a change. The first assessment of a
 * launch is recorded silently unless it is already `ready`: "not enough data yet" at the start
 * of every launch is not news.
 */
export async function notifyReadinessChanges(store: Store, now = Date.now()): Promise<number> {
  const stored = new Map((await store.listDarkLaunches()).map((l) => [l.service, l.readiness]));
  let changed = 0;
  for (const overview of await darkLaunchOverviews(store, now)) {
    const previous = stored.get(overview.service) ?? null;
    const current = overview.readiness.status;
    if (previous === current) continue;
    await store.setDarkLaunchReadiness(overview.service, current);
    if (previous === null && current !== "ready") continue;
    await notifyReadiness(store, overview.service, overview.candidateVersion, current, previous);
    changed++;
  }
  return changed;
}

/** Once a minute, on whichever instance holds the lease. */
export const readinessJob: Job = { name: "dark-launch-readiness", everyMs: 60_000, run: (store) => notifyReadinessChanges(store) };
