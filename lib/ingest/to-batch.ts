import { seriesName } from "@/lib/series/labels";
import type { GraphiteLine } from "./graphite";
import type { Gathering } from "./listeners/batcher";
import type { IngestBatch, IngestSeries } from "./schema";

/**
 * Graphite lines grouped into one ingest batch as they come, a series per metric and label set:
 * a listener's pending lines are then only their [ts, value] pairs, not a line object each
 * waiting for the write (those outlived the young generation and made the GC's work).
 */
export class SeriesGathering implements Gathering<GraphiteLine, IngestBatch> {
  private bySeries = new Map<string, IngestSeries>();
  size = 0;

  add(line: GraphiteLine): void {
    // seriesName keys by the canonical labelKey, so equal label sets group whatever their order.
    const key = line.labels ? seriesName(line.metric, line.labels) : line.metric;
    let series = this.bySeries.get(key);
    if (!series) this.bySeries.set(key, (series = { metric: line.metric, ...(line.labels && { labels: line.labels }), points: [] }));
    series.points.push([line.ts, line.value]);
    this.size++;
  }

  take(): IngestBatch {
    const batch = { series: [...this.bySeries.values()] };
    this.bySeries = new Map();
    this.size = 0;
    return batch;
  }
}

/** Groups Graphite lines into one ingest batch, one series per metric and label set. */
export function linesToBatch(lines: GraphiteLine[]): IngestBatch {
  const gathering = new SeriesGathering();
  for (const line of lines) gathering.add(line);
  return gathering.take();
}
