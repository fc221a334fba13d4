/** A deploy placed on the plot's x axis. */
export interface Placed<T> {
  /** Start in px from the plot's left. */
  x: number;
  /** Finish in px when the deploy spans time (start to finish), else equal to x. */
  x2: number;
  /** True when the start-to-finish span is wide enough to be worth shading. */
  band: boolean;
  deploy: T;
}

/** One cell of the density strip: the ordinary deploys of one environment that start in one column. */
export interface DensityCell<T> {
  lane: string;
  x: number;
  width: number;
  deploys: T[];
}

export interface DeployLayout<T> {
  /** The plot width in px the marks were laid out on (their x and widths are px of it). */
  width: number;
  /** What the caller deems prominent (failed deploys, rollbacks, detected ones, the highlighted one): always a line of their own. */
  prominent: Placed<T>[];
  /** Ordinary deploys with room around them: a thin line behind the data. */
  lines: Placed<T>[];
  /** Ordinary deploys in dense periods, counted per environment lane along the top axis. */
  cells: DensityCell<T>[];
  /** The strip's lanes (environments with at least one cell), top to bottom. */
  lanes: string[];
  /** Prominent deploys beyond `maxProminent`, counted in the strip instead (the chart says so). */
  cut: number;
}

export interface LayoutOptions {
  /** An ordinary deploy closer than this to another one of its environment joins the density strip. */
  isolatedGapPx?: number;
  /** Width of a density cell. */
  cellPx?: number;
  /** A span narrower than this is not shaded: a band of a pixel or two only dims the data. */
  minBandPx?: number;
  /** At most this many prominent lines per chart, so a pathological range stays drawable. */
  maxProminent?: number;
  /** Lane order (e.g. the promotion order); lanes not listed follow alphabetically. */
  laneOrder?: string[];
}

interface DeployPosition {
  id: number;
  environment: string;
  startedAt: number;
  finishedAt?: number | null;
}

/**
 * Lays deploys out on a plot `width` px wide so that marks never hide the data however many
 * there are: prominent deploys (failed, rolled back, rollbacks) stay individual lines; ordinary
 * deploys with room around them are thin lines; the rest collapse into a density strip of
 * counts, one lane per environment. Every deploy in [from, to] lands in exactly one mark.
 */
export function layoutDeploys<T extends DeployPosition>(
  deploys: T[],
  from: number,
  to: number,
  width: number,
  isProminent: (d: T) => boolean,
  { isolatedGapPx = 10, cellPx = 16, minBandPx = 4, maxProminent = 120, laneOrder = [] }: LayoutOptions = {},
): DeployLayout<T> {
  const span = Math.max(1, to - from);
  const px = (ts: number) => ((ts - from) / span) * width;
  const placed = deploys
    .filter((d) => d.startedAt <= to && (d.finishedAt ?? d.startedAt) >= from)
    .map((d): Placed<T> => {
      const x = Math.max(0, px(d.startedAt));
      const x2 = Math.min(width, Math.max(x, px(d.finishedAt ?? d.startedAt)));
      return { x, x2, band: x2 - x >= minBandPx, deploy: d };
    })
    .sort((a, b) => a.x - b.x || a.deploy.id - b.deploy.id);

  const wanted = placed.filter((p) => isProminent(p.deploy));
  const prominent = wanted.length > maxProminent ? evenlyPick(wanted, maxProminent) : wanted;
  const kept = new Set(prominent);
  const ordinary = placed.filter((p) => !kept.has(p));

  const lines: Placed<T>[] = [];
  const cellMap = new Map<string, DensityCell<T>>();
  // Room is judged within an environment: a release's test and prod deploys an hour apart are
  // two lines of different colours, readable side by side even a few pixels apart.
  const byLane = new Map<string, Placed<T>[]>();
  for (const p of ordinary) {
    const lane = byLane.get(p.deploy.environment);
    if (lane) lane.push(p);
    else byLane.set(p.deploy.environment, [p]);
  }
  for (const [laneName, lane] of byLane) {
    lane.forEach((p, i) => {
      const gapBefore = i > 0 ? p.x - lane[i - 1].x : Infinity;
      const gapAfter = i < lane.length - 1 ? lane[i + 1].x - p.x : Infinity;
      if (gapBefore >= isolatedGapPx && gapAfter >= isolatedGapPx) {
        lines.push(p);
        return;
      }
      const column = Math.min(Math.floor(p.x / cellPx), Math.max(0, Math.ceil(width / cellPx) - 1));
      const key = `${laneName}\u0000${column}`;
      const cell = cellMap.get(key) ?? { lane: laneName, x: column * cellPx, width: Math.min(cellPx, width - column * cellPx), deploys: [] };
      cell.deploys.push(p.deploy);
      cellMap.set(key, cell);
    });
  }
  lines.sort((a, b) => a.x - b.x || a.deploy.id - b.deploy.id);
  const cells = [...cellMap.values()];
  const laneRank = (lane: string) => (laneOrder.includes(lane) ? laneOrder.indexOf(lane) : laneOrder.length);
  const lanes = [...new Set(cells.map((c) => c.lane))].sort((a, b) => laneRank(a) - laneRank(b) || a.localeCompare(b));
  return { width, prominent, lines, cells, lanes, cut: wanted.length - prominent.length };
}

/** `count` items spread evenly over a sorted list, so a cut keeps the shape of the whole range. */
function evenlyPick<T>(items: T[], count: number): T[] {
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]);
}
