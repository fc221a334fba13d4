/** After this long without a successful refresh the screen says its data is stale. */
export const STALE_AFTER_MS = 120_000;

export type Freshness = { state: "fresh" } | { state: "stale"; since: number } | { state: "unreachable"; since: number | null };

/**
 * Whether the standup screen can trust what it shows: unreachable when the latest refresh failed
 * (the last data stays on screen), stale when the last success is older than `STALE_AFTER_MS`.
 * `since` is the last successful refresh, null when there never was one.
 */
export function freshness(lastSuccessAt: number | null, lastFailureAt: number | null, now: number): Freshness {
  if (lastFailureAt !== null && (lastSuccessAt === null || lastFailureAt > lastSuccessAt)) return { state: "unreachable", since: lastSuccessAt };
  if (lastSuccessAt !== null && now - lastSuccessAt > STALE_AFTER_MS) return { state: "stale", since: lastSuccessAt };
  return { state: "fresh" };
}
