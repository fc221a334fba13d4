const HOUR = 3_600_000;

/** A chart range around a span of time (e.g. a deploy, or a bad deploy and its rollback): `pad` before and after. */
export function aroundWindow(start: number, end: number | null | undefined, pad = HOUR): { from: number; to: number } {
  return { from: start - pad, to: Math.max(start, end ?? start) + pad };
}
