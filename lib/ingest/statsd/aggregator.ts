import type { IngestBatch, MetricKind } from "@/lib/ingest/schema";
import type { StatsdSample } from "./parse";
import { percentileSuffix, statsdPercentile } from "./percentile";

export const DEFAULT_PERCENTILES = [90, 95, 99];

type Series = IngestBatch["series"][number];

/**
 * Aggregates StatsD samples between flushes with the reference daemon's semantics
 * (deleteCounters, deleteGauges, deleteTimers and deleteSets all false), under the names
 * the developer sent, without `stats.` prefixes:
 * - counter X → X.count (sum, sample rates applied) and X.rate (per second);
 * - timer X → X.count, X.mean, X.lower, X.upper and X.p<pct> per percentile;
 * - gauge X → X, its value kept across flushes, signed values applied as deltas;
 * - set X → X.unique.
 * A name once seen keeps reporting: idle counters, timers and sets flush as 0, as statsd does,
 * so a chart shows "no traffic" rather than a gap.
 */
export class StatsdAggregator {
  private readonly counters = new Map<string, number>();
  private readonly timers = new Map<string, { values: number[]; count: number }>();
  private readonly gauges = new Map<string, number>();
  private readonly sets = new Map<string, Set<string>>();
  private readonly percentiles: number[];
  private lastFlush: number;

  constructor(options: { percentiles?: number[]; now?: number } = {}) {
    this.percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
    for (const pct of this.percentiles) {
      if (!(pct > 0 && pct <= 100)) throw new Error(`percentile ${pct} must be in (0, 100]`);
    }
    this.lastFlush = options.now ?? Date.now();
  }

  add(sample: StatsdSample): void {
    switch (sample.kind) {
      case "counter":
        this.counters.set(sample.name, (this.counters.get(sample.name) ?? 0) + sample.value / sample.sampleRate);
        break;
      case "timer": {
        let timer = this.timers.get(sample.name);
        if (!timer) this.timers.set(sample.name, (timer = { values: [], count: 0 }));
        timer.values.push(sample.value);
        timer.count += 1 / sample.sampleRate;
        break;
      }
      case "gauge": {
        const last = this.gauges.get(sample.name);
        this.gauges.set(sample.name, sample.delta && last !== undefined ? last + sample.value : sample.value);
        break;
      }
      case "set": {
        let members = this.sets.get(sample.name);
        if (!members) this.sets.set(sample.name, (members = new Set()));
        members.add(sample.member);
        break;
      }
    }
  }

  /**
   * Emits one point per series at `now` and starts a new interval. Rates divide by the time
   * actually elapsed since the previous flush, so the final flush on shutdown stays per second.
   */
  flush(now: number = Date.now()): IngestBatch {
    const seconds = Math.max(now - this.lastFlush, 1) / 1000;
    this.lastFlush = now;
    const series: Series[] = [];
    const point = (metric: string, kind: MetricKind, value: number) => series.push({ metric, kind, points: [[now, value]] });

    for (const [name, sum] of this.counters) {
      point(`${name}.count`, "counter", sum);
      point(`${name}.rate`, "counter", sum / seconds);
      this.counters.set(name, 0);
    }
    for (const [name, timer] of this.timers) {
      point(`${name}.count`, "timer", timer.count);
      const values = timer.values.sort((a, b) => a - b);
      if (values.length > 0) {
        let sum = 0;
        for (const v of values) sum += v;
        point(`${name}.mean`, "timer", sum / values.length);
        point(`${name}.lower`, "timer", values[0]);
        point(`${name}.upper`, "timer", values[values.length - 1]);
        for (const pct of this.percentiles) {
          const value = statsdPercentile(values, pct);
          if (value !== null) point(`${name}.${percentileSuffix(pct)}`, "timer", value);
        }
      }
      this.timers.set(name, { values: [], count: 0 });
    }
    for (const [name, value] of this.gauges) point(name, "gauge", value);
    for (const [name, members] of this.sets) {
      point(`${name}.unique`, "set", members.size);
      this.sets.set(name, new Set());
    }
    return { series };
  }
}
