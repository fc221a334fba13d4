export interface Placed<T> {
  /** Left edge in px from the plot's left. */
  x: number;
  /** Right edge in px when the deploy spans time (start to finish), else equal to x. */
  x2: number;
  deploy: T;
}

export interface DeployCluster<T> {
  x: number;
  x2: number;
  items: Placed<T>[];
}

/**
 * Places deploys on a time axis of `width` px and merges those whose start lines fall within
 * `minGapPx` of the previous one, so hundreds of deploys over 30 days stay readable.
 * Deploys outside [from, to] are left out; a span is clipped to the plot.
 */
export function clusterDeploys<T extends { startedAt: number; finishedAt?: number | null }>(
  deploys: T[],
  from: number,
  to: number,
  width: number,
  minGapPx = 6,
): DeployCluster<T>[] {
  const span = Math.max(1, to - from);
  const px = (ts: number) => ((ts - from) / span) * width;
  const placed = deploys
    .filter((d) => d.startedAt <= to && (d.finishedAt ?? d.startedAt) >= from)
    .map((d) => ({ x: Math.max(0, px(d.startedAt)), x2: Math.min(width, px(d.finishedAt ?? d.startedAt)), deploy: d }))
    .sort((a, b) => a.x - b.x);
  const clusters: DeployCluster<T>[] = [];
  for (const p of placed) {
    const last = clusters[clusters.length - 1];
    if (last && p.x - last.items[last.items.length - 1].x < minGapPx) {
      last.items.push(p);
      last.x2 = Math.max(last.x2, p.x2);
    } else clusters.push({ x: p.x, x2: Math.max(p.x, p.x2), items: [p] });
  }
  return clusters;
}
