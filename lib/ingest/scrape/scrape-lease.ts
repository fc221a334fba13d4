import type { Store } from "@/lib/store/types";

/** The lease row the scraping instance holds (the jobs' leases are named `job:<name>`). */
export const SCRAPE_LEASE = "scrape";

/**
 * Whether `owner` scrapes, for instances sharing one database: the one holding the `scrape`
 * lease does, the others stand by. The holder renews it about twice an interval, each time for
 * three intervals, so when it stops or dies another instance takes over within three intervals
 * (the scrapes in between are missed; `up` shows the gap). Concurrent callers (one per target)
 * share one database round trip.
 */
export function scrapeLease(store: Pick<Store, "tryLease">, owner: string, intervalMs: number): () => Promise<boolean> {
  let checkedAt = -Infinity;
  let held = false;
  let pending: Promise<boolean> | null = null;
  return () => {
    if (Date.now() - checkedAt < intervalMs / 2) return Promise.resolve(held);
    pending ??= store
      .tryLease(SCRAPE_LEASE, owner, intervalMs * 3)
      .then((result) => {
        held = result;
        checkedAt = Date.now();
        return result;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  };
}
