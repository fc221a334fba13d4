import "server-only";
import type { Point, Store } from "@/lib/store/types";
import { matchMetrics } from "./read-series";

/** Reads raw points of a metric name or selector in [from, to] (inclusive); no points for an unknown metric. */
export type PointsFor = (metric: string, from: number, to: number) => Promise<Point[]>;

/** Series one selector in a rule may pool at most. */
const SERIES_PER_SELECTOR = 50;

/**
 * A `PointsFor` over the store that resolves each name or selector once, for the verdict, impact
 * and compare code that asks for several windows of the same metrics. A plain name is its
 * unlabelled series; a selector (`name{route="/a"}`) pools the raw points of every series it
 * picks, in time order — so a rule on `http_server_duration{route="/oauth/token"}` judges that
 * route's samples whatever their other labels.
 */
export function rawPointsReader(store: Store): PointsFor {
  const ids = new Map<string, Promise<number[]>>();
  return async (metric, from, to) => {
    let resolved = ids.get(metric);
    if (!resolved) {
      resolved = metric.includes("{")
        ? matchMetrics(store, metric, "metric", SERIES_PER_SELECTOR).then(({ metrics }) => metrics.map((m) => m.id))
        : store.getMetric(metric).then((m) => (m ? [m.id] : []));
      ids.set(metric, resolved);
    }
    const parts = await Promise.all((await resolved).map((id) => store.rawPoints(id, from, to)));
    return parts.length === 1 ? parts[0] : parts.flat().sort((a, b) => a[0] - b[0]);
  };
}
