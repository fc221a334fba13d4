import type { IngestBatch } from "@/lib/ingest/schema";

/** The points one batch writes to one metric, with the range they touch. */
export interface MetricWrite {
  metricId: number;
  /** Distinct timestamps; for a repeated one, the value written last. */
  points: [number, number][];
  minTs: number;
  maxTs: number;
  /** Value at maxTs. */
  lastValue: number;
}

/**
 * Merges the series of a batch per stored series (a batch may name one series twice; `keys[i]`
 * is the key of `batch.series[i]` in `idByKey`) and removes
 * repeated timestamps, keeping the last value: PostgreSQL refuses an upsert statement that
 * touches the same row twice, whereas SQLite's row-at-a-time upserts simply overwrite.
 */
export function groupByMetric(batch: IngestBatch, keys: string[], idByKey: Map<string, number>): MetricWrite[] {
  const pointsById = new Map<number, [number, number][][]>();
  for (const [i, s] of batch.series.entries()) {
    const id = idByKey.get(keys[i]);
    if (id === undefined) throw new Error(`series ${keys[i]} was not created`);
    const parts = pointsById.get(id) ?? [];
    parts.push(s.points);
    pointsById.set(id, parts);
  }
  return [...pointsById].map(([metricId, parts]) => {
    const all = parts.length === 1 ? parts[0] : parts.flat();
    const points = strictlyIncreasing(all) ? all : lastWriteWins(all);
    let minTs = Infinity;
    let maxTs = -Infinity;
    let lastValue = 0;
    for (const [ts, value] of points) {
      if (ts < minTs) minTs = ts;
      if (ts >= maxTs) {
        maxTs = ts;
        lastValue = value;
      }
    }
    return { metricId, points, minTs, maxTs, lastValue };
  });
}

function strictlyIncreasing(points: [number, number][]): boolean {
  for (let i = 1; i < points.length; i++) if (points[i][0] <= points[i - 1][0]) return false;
  return true;
}

function lastWriteWins(points: [number, number][]): [number, number][] {
  const byTs = new Map<number, number>();
  for (const [ts, value] of points) byTs.set(ts, value);
  return [...byTs];
}
