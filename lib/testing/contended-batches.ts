import type { IngestBatch, MetricKind } from "@/lib/ingest/schema";

/** Batches that all write the same metrics in different orders, some series carrying kind/unit. */
export interface ContendedBatches {
  batches: IngestBatch[];
  metrics: string[];
  /** Points written, all at distinct (metric, ts): what must be stored afterwards. */
  points: number;
}

const KINDS: MetricKind[] = ["gauge", "counter", "timer"];
const UNITS = ["ms", "bytes", "requests"];

/**
 * `count` batches over the same `metricCount` metrics, each naming every metric once in its
 * own shuffled order with `pointsPerSeries` points at timestamps no other batch uses; about a
 * third of the series carry a kind and a unit. Seeded, so a failure reproduces.
 */
export function contendedBatches(options: { count: number; metricCount: number; pointsPerSeries: number; t0: number; seed?: number }): ContendedBatches {
  let state = options.seed ?? 1;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const metrics = Array.from({ length: options.metricCount }, (_, i) => `contended.m${String(i).padStart(3, "0")}.value`);
  const batches = Array.from({ length: options.count }, (_, b): IngestBatch => {
    const order = [...metrics];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return {
      series: order.map((metric) => {
        const points = Array.from({ length: options.pointsPerSeries }, (_, i): [number, number] => [options.t0 + (i * options.count + b) * 1000, b + i / 1000]);
        const tagged = random() < 0.33;
        return tagged ? { metric, kind: KINDS[Math.floor(random() * KINDS.length)], unit: UNITS[Math.floor(random() * UNITS.length)], points } : { metric, points };
      }),
    };
  });
  return { batches, metrics, points: options.count * options.metricCount * options.pointsPerSeries };
}
