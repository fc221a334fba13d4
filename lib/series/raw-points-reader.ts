import "server-only";
import type { Point, Store } from "@/lib/store/types";

/** Reads raw points of a metric by name in [from, to] (inclusive); no points for an unknown metric. */
export type PointsFor = (metric: string, from: number, to: number) => Promise<Point[]>;

/**
 * A `PointsFor` over the store that looks each metric's id up once, for the verdict, impact
 * and compare code that asks for several windows of the same metrics.
 */
export function rawPointsReader(store: Store): PointsFor {
  const ids = new Map<string, Promise<number | undefined>>();
  return async (metric, from, to) => {
    let id = ids.get(metric);
    if (!id) {
      id = store.getMetric(metric).then((m) => m?.id);
      ids.set(metric, id);
    }
    const metricId = await id;
    return metricId === undefined ? [] : store.rawPoints(metricId, from, to);
  };
}
