/**
 * Time to restore service after a bad deploy: from the bad deploy's start (when users began to
 * be affected) to the rollback's finish. Null while the rollback runs or when either time is unknown.
 */
export function timeToRestore(bad: { startedAt: number } | null | undefined, rollback: { finishedAt: number | null }): number | null {
  if (!bad || rollback.finishedAt == null) return null;
  return Math.max(0, rollback.finishedAt - bad.startedAt);
}
