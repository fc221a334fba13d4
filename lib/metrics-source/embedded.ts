import "server-only";
import { serviceOfSeries } from "@/lib/metrics/name";
import { parseLabelKey } from "@/lib/series/labels";
import { rawPointsReader } from "@/lib/series/raw-points-reader";
import { matchMetrics, readSeries } from "@/lib/series/read-series";
import type { MetricRow, Store } from "@/lib/store/types";
import type { MetricsSource } from "./types";

/** The embedded metrics source: the series deploylines stores itself, read through the `Store`. */
export function embeddedSource(store: Store): MetricsSource {
  return {
    backend: { kind: "embedded" },
    listNames: (filter) => store.listMetricNames(filter),
    listSeries: (filter) => store.listMetrics(filter),
    countSeries: (prefix) => store.countMetrics(prefix),
    seriesNamed: (names) => store.metricsNamed(names),
    getSeries: (name, labels) => store.getMetric(name, labels),
    serviceSeries: (service) => store.listServiceSeries(service),
    async seriesByService(service) {
      const rows = service === undefined ? await store.listMetrics() : await store.listServiceSeries(service);
      const byService = new Map<string, MetricRow[]>();
      for (const row of rows) {
        const name = service ?? serviceOfSeries(row.name, parseLabelKey(row.labels));
        if (name === null) continue;
        const own = byService.get(name);
        if (own) own.push(row);
        else byService.set(name, [row]);
      }
      return byService;
    },
    readSeries: (request, limits) => readSeries(store, request, limits),
    matchSeries: (pattern, where, limit, options) => matchMetrics(store, pattern, where, limit, options),
    downsampled: (series, from, to, maxPoints) => store.readSeries(series.id, from, to, maxPoints),
    rawPoints: (series, from, to, limit) => store.rawPoints(series.id, from, to, limit),
    windowSummary: (series, from, to) => store.windowSummary(series.id, from, to),
    pointsFor: () => rawPointsReader(store),
    // The store is in process: reachable whenever the app answers.
    health: async () => ({ reachable: true, latencyMs: 0 }),
  };
}
