import { ascendingDistinct, type Columns } from "@/lib/series/chunks/columns";

/** The points one batch writes to one metric, with the range they touch. */
export interface MetricWrite {
  metricId: number;
  /** Ascending, distinct timestamps; for a repeated one, the value written last. */
  points: Columns;
  minTs: number;
  maxTs: number;
  /** Value at maxTs. */
  lastValue: number;
}

/**
 * Merges the series of a batch per stored series (a batch may name one series twice; `keys[i]`
 * is the key of the batch's series i, whose points are `columns[i]`, in `idByKey`) and removes
 * repeated timestamps, keeping the last value: PostgreSQL refuses an upsert statement that
 * touches the same row twice, whereas SQLite's row-at-a-time upserts simply overwrite. A series
 * named once, its points already in order, is passed on as it is (no copy).
 */
export function groupByMetric(columns: readonly Columns[], keys: readonly string[], idByKey: ReadonlyMap<string, number>): MetricWrite[] {
  const partsById = new Map<number, Columns[]>();
  for (const [i, key] of keys.entries()) {
    const id = idByKey.get(key);
    if (id === undefined) throw new Error(`series ${key} was not created`);
    const parts = partsById.get(id);
    if (parts) parts.push(columns[i]);
    else partsById.set(id, [columns[i]]);
  }
  return [...partsById].map(([metricId, parts]) => {
    const points = ascendingDistinct(parts.length === 1 ? parts[0] : concat(parts));
    const last = points.ts.length - 1;
    return { metricId, points, minTs: points.ts[0], maxTs: points.ts[last], lastValue: points.values[last] };
  });
}

/** The parts one after another, in the order given (so a later repeat of a timestamp stays later). */
function concat(parts: readonly Columns[]): Columns {
  const length = parts.reduce((n, p) => n + p.ts.length, 0);
  const out = { ts: new Float64Array(length), values: new Float64Array(length) };
  let at = 0;
  for (const part of parts) {
    out.ts.set(part.ts, at);
    out.values.set(part.values, at);
    at += part.ts.length;
  }
  return out;
}
