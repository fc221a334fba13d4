import { seriesName } from "@/lib/series/labels";
import type { GraphiteLine } from "./graphite";
import type { IngestBatch, IngestSeries } from "./schema";

/** Groups Graphite lines into one ingest batch, one series per metric and label set. */
export function linesToBatch(lines: GraphiteLine[]): IngestBatch {
  const bySeries = new Map<string, IngestSeries>();
  for (const line of lines) {
    // seriesName keys by the canonical labelKey, so equal label sets group whatever their order.
    const key = line.labels ? seriesName(line.metric, line.labels) : line.metric;
    let series = bySeries.get(key);
    if (!series) bySeries.set(key, (series = { metric: line.metric, ...(line.labels && { labels: line.labels }), points: [] }));
    series.points.push([line.ts, line.value]);
  }
  return { series: [...bySeries.values()] };
}
