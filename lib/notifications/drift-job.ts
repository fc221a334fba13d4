import "server-only";
import { readEnv } from "@/lib/config/env";
import { isDrifting } from "@/lib/deploys/running-version/drift";
import { assessRunningVersions } from "@/lib/deploys/running-version/drift-report";
import type { Job } from "@/lib/server/jobs";
import type { Store } from "@/lib/store/types";
import { notifyDrift, STALE_VERDICT_MS } from "./enqueue";

/**
 * Notifies each drift once, when it starts: the drift notified (`running→deployed`) is kept on
 * the running version's row and cleared when the drift ends, so a new mismatch is news again.
 * A drift whose last report is older than an hour — a service that went quiet — is recorded
 * without a notification, like a stale verdict.
 */
export async function notifyDriftChanges(store: Store, now = Date.now(), graceMs = readEnv().DEPLOYLINES_DRIFT_GRACE): Promise<number> {
  let notified = 0;
  for (const { row, view } of await assessRunningVersions(store, {}, graceMs)) {
    const drift = view.drift ? `${view.running}→${view.deployed}` : null;
    if (drift === row.driftNotified) continue;
    await store.setDriftNotified(row.service, row.environment, drift);
    if (!isDrifting(view) || now - view.lastSeen > STALE_VERDICT_MS) continue;
    await notifyDrift(store, view);
    notified++;
  }
  return notified;
}

/** Once a minute, on whichever instance holds the lease. */
export const driftJob: Job = { name: "version-drift", everyMs: 60_000, run: (store) => notifyDriftChanges(store) };
