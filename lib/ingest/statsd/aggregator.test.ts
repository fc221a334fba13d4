import { describe, expect, it } from "vitest";
import type { IngestBatch } from "@/lib/ingest/schema";
import { StatsdAggregator } from "./aggregator";
import { parseStatsdPacket } from "./parse";

function feed(aggregator: StatsdAggregator, packet: string) {
  for (const sample of parseStatsdPacket(packet).samples) aggregator.add(sample);
}

function values(batch: IngestBatch): Record<string, number> {
  return Object.fromEntries(batch.series.map((s) => [s.metric, s.points[0][1]]));
}

describe("StatsdAggregator", () => {
  it("sums counters with sample rates into count and per-second rate", () => {
    const agg = new StatsdAggregator({ now: 0 });
    feed(agg, "hits:1|c\nhits:2|c\nhits:1|c|@0.1");
    const batch = agg.flush(10_000);
    expect(values(batch)).toEqual({ "hits.count": 13, "hits.rate": 1.3 });
    expect(batch.series.every((s) => s.kind === "counter" && s.points[0][0] === 10_000)).toBe(true);
  });

  it("keeps reporting an idle counter as 0 (statsd deleteCounters=false)", () => {
    const agg = new StatsdAggregator({ now: 0 });
    feed(agg, "hits:5|c");
    agg.flush(10_000);
    expect(values(agg.flush(20_000))).toEqual({ "hits.count": 0, "hits.rate": 0 });
  });

  it("computes timer statistics with statsd's percentile method", () => {
    const agg = new StatsdAggregator({ now: 0 });
    // 1..10 shuffled: p90 = the 9th smallest (round(0.9·10) = 9), p95 and p99 round to the 10th.
    feed(agg, [7, 3, 10, 1, 5, 9, 2, 8, 4, 6].map((v) => `lat:${v}|ms`).join("\n"));
    const batch = agg.flush(10_000);
    expect(values(batch)).toEqual({
      "lat.count": 10,
      "lat.mean": 5.5,
      "lat.lower": 1,
      "lat.upper": 10,
      "lat.p90": 9,
      "lat.p95": 10,
      "lat.p99": 10,
    });
    expect(batch.series.every((s) => s.kind === "timer")).toBe(true);
  });

  it("omits a percentile that holds no value and names fractional ones with _", () => {
    const agg = new StatsdAggregator({ now: 0, percentiles: [10, 50, 99.9] });
    feed(agg, "lat:5|ms\nlat:1|h\nlat:3|ms|@0.5");
    // Sorted [1, 3, 5]: p10 → round(0.3) = 0 values, omitted; p50 → 2nd; p99.9 → 3rd.
    expect(values(agg.flush(1_000))).toEqual({
      "lat.count": 4,
      "lat.mean": 3,
      "lat.lower": 1,
      "lat.upper": 5,
      "lat.p50": 3,
      "lat.p99_9": 5,
    });
  });

  it("reports an idle timer as count 0 only", () => {
    const agg = new StatsdAggregator({ now: 0 });
    feed(agg, "lat:5|ms");
    agg.flush(1_000);
    expect(values(agg.flush(2_000))).toEqual({ "lat.count": 0 });
  });

  it("keeps gauges across flushes and applies signed values as deltas", () => {
    const agg = new StatsdAggregator({ now: 0 });
    feed(agg, "queue:10|g\nqueue:+5|g\nqueue:-3|g");
    expect(values(agg.flush(1_000))).toEqual({ queue: 12 });
    expect(values(agg.flush(2_000))).toEqual({ queue: 12 });
    feed(agg, "queue:-2|g");
    expect(values(agg.flush(3_000))).toEqual({ queue: 10 });
    feed(agg, "queue:4|g");
    expect(values(agg.flush(4_000))).toEqual({ queue: 4 });
    feed(agg, "fresh:-7|g");
    expect(values(agg.flush(5_000))).toMatchObject({ fresh: -7 });
  });

  it("counts unique set members per flush", () => {
    const agg = new StatsdAggregator({ now: 0 });
    feed(agg, "users:alice|s\nusers:bob|s\nusers:alice|s");
    const batch = agg.flush(1_000);
    expect(values(batch)).toEqual({ "users.unique": 2 });
    expect(batch.series[0].kind).toBe("set");
    expect(values(agg.flush(2_000))).toEqual({ "users.unique": 0 });
  });

  it("rejects a percentile outside (0, 100]", () => {
    expect(() => new StatsdAggregator({ percentiles: [0] })).toThrow(/percentile/);
  });
});
