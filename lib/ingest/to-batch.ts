import type { GraphiteLine } from "./graphite";
import type { IngestBatch, SeriesBatchInput } from "./schema";

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

/** Normalises a validated JSON batch: epoch seconds become ms, as the API promises. */
export function jsonToBatch(input: SeriesBatchInput): IngestBatch {
  return {
    series: input.series.map((s) => ({
      ...s,
      points: s.points.map(([ts, value]) => [ts < 1e11 ? Math.round(ts * 1000) : Math.round(ts), value]),
    })),
  };
}
