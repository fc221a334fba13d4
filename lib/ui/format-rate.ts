/** A share (0–1) as a percentage with enough digits to tell 99.9% from 99.95%; "–" when unknown. */
export function formatRate(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "–";
  const pct = share * 100;
  const digits = pct >= 99 && pct < 100 ? 2 : 1;
  return `${Number(pct.toFixed(digits))}%`;
}
