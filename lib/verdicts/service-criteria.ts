import "server-only";
import type { ServiceRow, Store } from "@/lib/store/types";
import { criteriaSchema, type Criteria } from "./criteria-schema";

const DAY = 86_400_000;
/** How far back a change of criteria re-judges deploys (bounded further by the raw-point retention). */
export const REJUDGE_DAYS = 30;

/**
 * A service's success criteria, or null when it has none. Criteria are validated when saved,
 * but stored JSON outlives schema changes, so an unreadable value counts as none (and is logged).
 */
export async function loadCriteria(store: Store, service: string): Promise<Criteria | null> {
  const row = await store.getService(service);
  return row ? criteriaOf(row) : null;
}

/** The criteria stored on a service row, or null (see `loadCriteria`). */
export function criteriaOf(row: ServiceRow): Criteria | null {
  if (row.criteria == null) return null;
  const parsed = criteriaSchema.safeParse(row.criteria);
  if (!parsed.success) {
    console.warn(`[deploylines] ignoring unreadable criteria of ${row.name}: ${parsed.error.message}`);
    return null;
  }
  return parsed.data;
}

/**
 * Saves a service's criteria and sends its deploys of the last `REJUDGE_DAYS` (but no older
 * than the raw points kept, which a verdict reads) back to pending, for the verdict job to judge again.
 */
export async function saveCriteria(store: Store, service: string, criteria: Criteria, rawRetentionMs: number, now = Date.now()) {
  const since = now - Math.min(REJUDGE_DAYS * DAY, rawRetentionMs);
  const { rejudged } = await store.setServiceCriteria(service, criteria, since);
  return { service, criteria, rejudged, rejudgedSince: since };
}
