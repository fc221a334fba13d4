import { describe, expect, it } from "vitest";
import type { IngestBatch } from "@/lib/ingest/schema";
import { seriesName } from "@/lib/series/labels";
import { StatsdAggregator } from "./aggregator";
import { metricNameSchema } from "@/lib/metrics/name";
import { MAX_STATSD_NAME, parseStatsdPacket } from "./parse";

function feed(aggregator: StatsdAggregator, packet: string) {
  for (const sample of parseStatsdPacket(packet).samples) aggregator.add(sample);
}

function values(batch: IngestBatch): Record<string, number> {
  return Object.fromEntries(batch.series.map((s) => [s.metric, s.points[0][1]]));
}

/** Each series' value by its text name, `name{k="v"}` for labelled ones. */
function labelled(batch: IngestBatch): Record<string, number> {
  return Object.fromEntries(batch.series.map((s) => [seriesName(s.metric, s.labels), s.points[0][1]]));
}

const ONE_TO_TEN = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];

describe("StatsdAggregator", () => {
  it("divides counters by the configured flush interval, not the time elapsed", () => {
    const agg = new StatsdAggregator({ flushMs: 10_000 });
    feed(agg, Array.from({ length: 8 }, () => "hits:1|c").join("\n"));
    // The flush runs a little late, as timers do: the rate is still count / 10 s.
    const batch = agg.flush(10_013);
    expect(values(batch)).toEqual({ "hits.count": 8, "hits.rate": 0.8 });
    expect(batch.series.every((s) => s.kind === "counter" && s.points[0][0] === 10_013)).toBe(true);
  });

  it("applies sample rates to counters", () => {
    const agg = new StatsdAggregator({ flushMs: 10_000 });
    feed(agg, "hits:1|c\nhits:2|c\nhits:1|c|@0.1");
    expect(values(agg.flush(10_000))).toEqual({ "hits.count": 13, "hits.rate": 1.3 });
  });

  it("computes every timer statistic as statsd does (values worked out by hand)", () => {
    const agg = new StatsdAggregator({ flushMs: 10_000 });
    feed(agg, ONE_TO_TEN.map((v) => `lat:${v}|ms`).join("\n"));
    const batch = agg.flush(10_000);
    // 90%: the lowest round(9) = 9 values, 1..9; 95% and 99% round to all 10.
    const all = { count: 10, mean: 5.5, upper: 10, sum: 55, sum_squares: 385 };
    expect(values(batch)).toEqual({
      "lat.timer.count": 10,
      "lat.count_ps": 1,
      "lat.lower": 1,
      "lat.upper": 10,
      "lat.sum": 55,
      "lat.sum_squares": 385,
      "lat.mean": 5.5,
      "lat.median": 5.5,
      "lat.std": Math.sqrt(82.5 / 10),
      "lat.count_90": 9,
      "lat.mean_90": 5,
      "lat.upper_90": 9,
      "lat.sum_90": 45,
      "lat.sum_squares_90": 285,
      ...Object.fromEntries(["95", "99"].flatMap((p) => Object.entries(all).map(([stat, v]) => [`lat.${stat}_${p}`, v]))),
      "lat.p90": 9,
      "lat.p95": 10,
      "lat.p99": 10,
    });
    expect(batch.series.every((s) => s.kind === "timer")).toBe(true);
  });

  it("takes the median of an odd count as the middle value and scales count by sample rate", () => {
    const agg = new StatsdAggregator({ flushMs: 2_000, percentiles: [50] });
    feed(agg, "lat:5|ms\nlat:1|h\nlat:3|ms|@0.5");
    expect(values(agg.flush(1_000))).toMatchObject({ "lat.timer.count": 4, "lat.count_ps": 2, "lat.median": 3, "lat.upper_50": 3, "lat.p50": 3 });
  });

  it("omits a percentile whose threshold holds no value and names fractional ones with _", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000, percentiles: [10, 99.9] });
    feed(agg, "lat:5|ms\nlat:1|ms\nlat:3|ms");
    const names = Object.keys(values(agg.flush(1_000)));
    expect(names.filter((n) => n.includes("_10") || n.endsWith("p10"))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(["lat.upper_99_9", "lat.mean_99_9", "lat.sum_99_9", "lat.p99_9"]));
  });

  it("keeps a counter and a timer of the same name apart", () => {
    const agg = new StatsdAggregator({ flushMs: 10_000 });
    feed(agg, "api.login:1|c\napi.login:1|c\napi.login:1|c\napi.login:120|ms");
    expect(values(agg.flush(10_000))).toMatchObject({ "api.login.count": 3, "api.login.rate": 0.3, "api.login.timer.count": 1, "api.login.mean": 120 });
  });

  it("does not write a name that received nothing in the interval (deleteIdleStats)", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "hits:5|c\nlat:5|ms\nqueue:3|g\nusers:ann|s");
    expect(agg.flush(1_000).series.length).toBeGreaterThan(0);
    expect(agg.counts().names).toBe(0);
    expect(agg.flush(2_000).series).toEqual([]);
  });

  it("applies signed gauge values as deltas within an interval", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "queue:10|g\nqueue:+5|g\nqueue:-3|g\nfresh:-7|g");
    expect(values(agg.flush(1_000))).toEqual({ queue: 12, fresh: -7 });
    feed(agg, "queue:4|g");
    expect(values(agg.flush(2_000))).toEqual({ queue: 4 });
  });

  it("counts unique set members per flush as X.count", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "users:alice|s\nusers:bob|s\nusers:alice|s");
    const batch = agg.flush(1_000);
    expect(values(batch)).toEqual({ "users.count": 2 });
    expect(batch.series[0].kind).toBe("set");
  });

  it("refuses a set whose name is held as a counter, which would share X.count", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "users:1|c\nusers:ann|s");
    expect(values(agg.flush(1_000))).toEqual({ "users.count": 1, "users.rate": 1 });
    expect(agg.counts().typeConflicts).toBe(1);
  });

  it("holds at most maxNames names and counts the samples it refused", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000, maxNames: 3 });
    feed(agg, "a:1|c\nb:1|ms\nc:1|g\nd:1|c\ne:x|s\na:2|c");
    expect(agg.counts()).toEqual({ names: 3, maxNames: 3, refusedSamples: 2, typeConflicts: 0 });
    expect(values(agg.flush(1_000))).toMatchObject({ "a.count": 3, "c": 1 });
    feed(agg, "d:1|c");
    expect(values(agg.flush(2_000))).toEqual({ "d.count": 1, "d.rate": 1 });
  });

  it("holds at most maxValues timer values and set members and counts the samples it refused", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000, maxValues: 4 });
    feed(agg, "lat:1|ms\nlat:2|ms\nusers:ann|s\nusers:ann|s\nusers:bob|s\nlat:3|ms\nusers:cid|s\nhits:1|c");
    expect(agg.counts().refusedSamples).toBe(2);
    expect(values(agg.flush(1_000))).toMatchObject({ "lat.timer.count": 2, "users.count": 2, "hits.count": 1 });
    feed(agg, "lat:3|ms");
    expect(values(agg.flush(2_000))).toMatchObject({ "lat.timer.count": 1 });
  });

  it("writes statsd's legacy Graphite namespace when asked", () => {
    const agg = new StatsdAggregator({ flushMs: 10_000, namespace: "legacy", percentiles: [90] });
    feed(agg, "api.hits:5|c\napi.hits:5|ms\napi.queue:2|g\napi.users:ann|s");
    const written = values(agg.flush(10_000));
    expect(written).toMatchObject({
      "stats.api.hits": 0.5,
      "stats_counts.api.hits": 5,
      "stats.timers.api.hits.count": 1,
      "stats.timers.api.hits.upper_90": 5,
      "stats.gauges.api.queue": 2,
      "stats.sets.api.users.count": 1,
    });
    expect(Object.keys(written).filter((n) => !n.startsWith("stats.") && !n.startsWith("stats_counts."))).toEqual([]);
  });

  it("writes names the store accepts for the longest name and percentile allowed", () => {
    const name = "n".repeat(MAX_STATSD_NAME);
    for (const namespace of ["plain", "legacy"] as const) {
      const agg = new StatsdAggregator({ flushMs: 1_000, namespace, percentiles: [99.999] });
      feed(agg, `${name}:1|ms\n${name}:1|c\n${name}:1|g`);
      for (const series of agg.flush(1_000).series) expect(metricNameSchema.safeParse(series.metric).success).toBe(true);
    }
  });

  it("aggregates each label set of a tagged name as its own series", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, [...Array(3).fill("hits:1|c|#route:/a"), ...Array(4).fill("hits:1|c|#route:/b"), "hits:10|c"].join("\n"));
    expect(labelled(agg.flush(1_000))).toEqual({
      'hits.count{route="/a"}': 3,
      'hits.rate{route="/a"}': 3,
      'hits.count{route="/b"}': 4,
      'hits.rate{route="/b"}': 4,
      "hits.count": 10,
      "hits.rate": 10,
    });
  });

  it("keys by the label set, not the order its tags came in", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "hits:1|c|#a:1,b:2\nhits:2|c|#b:2,a:1");
    expect(labelled(agg.flush(1_000))).toEqual({ 'hits.count{a="1",b="2"}': 3, 'hits.rate{a="1",b="2"}': 3 });
  });

  it("labels every stat a tagged timer, distribution, gauge and set writes", () => {
    for (const namespace of ["plain", "legacy"] as const) {
      const agg = new StatsdAggregator({ flushMs: 1_000, namespace, percentiles: [90] });
      feed(agg, "lat:5|ms|#env:prod\nlat:7|d|#env:prod\nlat:100|ms|#env:test\nq:3|g|#env:prod\nq:+2|g|#env:prod\nq:9|g|#env:test\nu:ann|s|#env:prod\nu:bob|s|#env:prod");
      const batch = agg.flush(1_000);
      expect(batch.series.every((s) => s.labels?.env === "prod" || s.labels?.env === "test")).toBe(true);
      const written = labelled(batch);
      if (namespace === "plain") {
        expect(written).toMatchObject({
          'lat.timer.count{env="prod"}': 2,
          'lat.mean{env="prod"}': 6,
          'lat.p90{env="prod"}': 7,
          'lat.mean{env="test"}': 100,
          'q{env="prod"}': 5,
          'q{env="test"}': 9,
          'u.count{env="prod"}': 2,
        });
      } else {
        expect(written).toMatchObject({ 'stats.timers.lat.upper_90{env="prod"}': 7, 'stats.gauges.q{env="prod"}': 5, 'stats.sets.u.count{env="prod"}': 2 });
      }
    }
  });

  it("aggregates |d distributions exactly as timers", () => {
    const asTimer = new StatsdAggregator({ flushMs: 10_000 });
    const asDistribution = new StatsdAggregator({ flushMs: 10_000 });
    feed(asTimer, ONE_TO_TEN.map((v) => `lat:${v}|ms`).join("\n"));
    feed(asDistribution, `lat:${ONE_TO_TEN.join(":")}|d`);
    expect(asDistribution.flush(10_000)).toEqual(asTimer.flush(10_000));
  });

  it("counts each (name, label set) against maxNames", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000, maxNames: 2 });
    feed(agg, "hits:1|c|#route:/a\nhits:1|c|#route:/b\nhits:1|c|#route:/c\nhits:1|c|#route:/a\nhits:1|c");
    expect(agg.counts()).toMatchObject({ names: 2, refusedSamples: 2 });
    expect(labelled(agg.flush(1_000))).toEqual({ 'hits.count{route="/a"}': 2, 'hits.rate{route="/a"}': 2, 'hits.count{route="/b"}': 1, 'hits.rate{route="/b"}': 1 });
  });

  it("refuses a set whose name is held as a counter under any labels (one kind per X.count)", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "users:1|c|#env:a\nusers:ann|s|#env:b\nusers:1|c|#env:b");
    expect(agg.counts().typeConflicts).toBe(1);
    expect(labelled(agg.flush(1_000))).toEqual({ 'users.count{env="a"}': 1, 'users.rate{env="a"}': 1, 'users.count{env="b"}': 1, 'users.rate{env="b"}': 1 });
    feed(agg, "users:ann|s|#env:b");
    expect(labelled(agg.flush(2_000))).toEqual({ 'users.count{env="b"}': 1 });
  });

  it("writes no labels on an untagged name", () => {
    const agg = new StatsdAggregator({ flushMs: 1_000 });
    feed(agg, "hits:1|c\nq:1|g");
    expect(agg.flush(1_000).series.every((s) => !("labels" in s))).toBe(true);
  });

  it("rejects a percentile outside (0, 100]", () => {
    expect(() => new StatsdAggregator({ flushMs: 1_000, percentiles: [0] })).toThrow(/percentile/);
  });
});
