import type { Store } from "@/lib/store/types";
import type { DarkLaunchCriteria } from "./schema";

/** Keeps a team's dark-launch criteria on the service (creating it, as every first write does). */
export async function saveCriteria(store: Store, service: string, criteria: DarkLaunchCriteria): Promise<DarkLaunchCriteria> {
  await store.upsertService(service, { darkLaunchCriteria: criteria });
  return criteria;
}
