import type { GraphiteLine } from "./graphite";
import type { IngestBatch } from "./schema";

/** Groups Graphite lines by metric into one ingest batch. */
export function linesToBatch(lines: GraphiteLine[]): IngestBatch {
  const byMetric = new Map<string, [number, number][]>();
  for (const line of lines) {
    let points = byMetric.get(line.metric);
    if (!points) byMetric.set(line.metric, (points = []));
    points.push([line.ts, line.value]);
  }
  return { series: [...byMetric].map(([metric, points]) => ({ metric, points })) };
}
