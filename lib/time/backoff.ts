/**
 * The wait before retry number `attempt` (1 for the first retry): `baseMs` doubling with each
 * attempt, never more than `maxMs`.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** (Math.max(1, attempt) - 1));
}
