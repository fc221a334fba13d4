import type { Store } from "@/lib/store/types";
import { toSampleRows } from "./sample-rows";
import type { DarkLaunchSampleBatch } from "./schema";

/** Stores a validated batch for a service in one transaction; answers the counts the reporter acknowledges. */
export async function recordSamples(store: Store, service: string, batch: DarkLaunchSampleBatch) {
  const stored = await store.addDarkLaunchSamples(toSampleRows(service, batch.samples), { candidateVersion: batch.candidateVersion });
  const matched = batch.samples.filter((s) => s.match).length;
  return { service, candidateVersion: batch.candidateVersion ?? null, samples: stored, matched, mismatched: stored - matched };
}
