import type { IngestBatch, MetricKind } from "@/lib/ingest/schema";
import { counterName, gaugeName, percentileAlias, setName, timerName, type StatsdNamespace } from "./namespace";
import type { StatsdSample } from "./parse";
import { percentileName, timerStats } from "./timer-stats";

export const DEFAULT_PERCENTILES = [90, 95, 99];
export const DEFAULT_MAX_NAMES = 10_000;
// Timer values and set members held in one interval, all names together: 8 MB of timer values,
// and a flush-time sort that stays well under a second.
export const DEFAULT_MAX_VALUES = 1_000_000;

type Series = IngestBatch["series"][number];

export interface StatsdAggregatorOptions {
  /** The configured flush interval: rates are per second of it, as statsd computes them. */
  flushMs: number;
  percentiles?: number[];
  /** Names (of any type) held between two flushes; samples for new names beyond it are refused. */
  maxNames?: number;
  /** Timer values plus set members held between two flushes; samples beyond it are refused. */
  maxValues?: number;
  namespace?: StatsdNamespace;
}

/** What the aggregator holds and has refused since it started. */
export interface StatsdAggregatorCounts {
  names: number;
  maxNames: number;
  /** Samples refused because `maxNames` names, or `maxValues` timer values and set members, were already held in the interval. */
  refusedSamples: number;
  /** Samples refused because the name is held as a counter and a set at once, which would share `X.count`. */
  typeConflicts: number;
}

/**
 * Aggregates StatsD samples between flushes with the reference daemon's semantics under
 * `deleteIdleStats: true`: a flush writes exactly the names that received samples in its
 * interval and then forgets them, so a name that received nothing is not written (no zeros
 * forever) and memory holds at most `maxNames` names. Counter rates and timers' `count_ps`
 * divide by the configured flush interval; gauges apply signed values as deltas to a value
 * received in the same interval. Timer values and set members are bounded too (`maxValues`),
 * so a flush's sort and memory stay bounded. Names per `namespace` (see namespace.ts).
 */
export class StatsdAggregator {
  private counters = new Map<string, number>();
  private timers = new Map<string, { values: number[]; count: number }>();
  private gauges = new Map<string, number>();
  private sets = new Map<string, Set<string>>();
  private readonly percentiles: number[];
  private readonly maxNames: number;
  private readonly maxValues: number;
  private values = 0;
  private readonly namespace: StatsdNamespace;
  private readonly flushSeconds: number;
  private refusedSamples = 0;
  private typeConflicts = 0;

  constructor(options: StatsdAggregatorOptions) {
    this.percentiles = options.percentiles ?? DEFAULT_PERCENTILES;
    for (const pct of this.percentiles) {
      if (!(pct > 0 && pct <= 100)) throw new Error(`percentile ${pct} must be in (0, 100]`);
    }
    if (!(options.flushMs > 0)) throw new Error(`flush interval ${options.flushMs} ms must be positive`);
    this.flushSeconds = options.flushMs / 1000;
    this.maxNames = options.maxNames ?? DEFAULT_MAX_NAMES;
    this.maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
    this.namespace = options.namespace ?? "plain";
  }

  /** Adds one sample; false when it was refused (name table full, or a counter/set clash), counted in `counts()`. */
  add(sample: StatsdSample): boolean {
    const { name } = sample;
    switch (sample.kind) {
      case "counter": {
        const sum = this.counters.get(name);
        if (sum === undefined && !this.admit(name, "counter")) return false;
        this.counters.set(name, (sum ?? 0) + sample.value / sample.sampleRate);
        return true;
      }
      case "timer": {
        if (!this.holdValue()) return false;
        let timer = this.timers.get(name);
        if (!timer) {
          if (!this.admit(name, "timer")) return false;
          this.timers.set(name, (timer = { values: [], count: 0 }));
        }
        timer.values.push(sample.value);
        timer.count += 1 / sample.sampleRate;
        this.values++;
        return true;
      }
      case "gauge": {
        const last = this.gauges.get(name);
        if (last === undefined && !this.admit(name, "gauge")) return false;
        this.gauges.set(name, sample.delta && last !== undefined ? last + sample.value : sample.value);
        return true;
      }
      case "set": {
        let members = this.sets.get(name);
        if (members?.has(sample.member)) return true;
        if (!this.holdValue()) return false;
        if (!members) {
          if (!this.admit(name, "set")) return false;
          this.sets.set(name, (members = new Set()));
        }
        members.add(sample.member);
        this.values++;
        return true;
      }
    }
  }

  private holdValue(): boolean {
    if (this.values < this.maxValues) return true;
    this.refusedSamples++;
    return false;
  }

  private admit(name: string, kind: MetricKind): boolean {
    if (this.names >= this.maxNames) {
      this.refusedSamples++;
      return false;
    }
    const clash = this.namespace === "plain" && ((kind === "set" && this.counters.has(name)) || (kind === "counter" && this.sets.has(name)));
    if (clash) this.typeConflicts++;
    return !clash;
  }

  private get names(): number {
    return this.counters.size + this.timers.size + this.gauges.size + this.sets.size;
  }

  counts(): StatsdAggregatorCounts {
    return { names: this.names, maxNames: this.maxNames, refusedSamples: this.refusedSamples, typeConflicts: this.typeConflicts };
  }

  /** Emits one point per stat at `now` for every name that received samples since the last flush, and forgets them. */
  flush(now: number = Date.now()): IngestBatch {
    const ns = this.namespace;
    const series: Series[] = [];
    const point = (metric: string, kind: MetricKind, value: number) => series.push({ metric, kind, points: [[now, value]] });

    for (const [name, sum] of this.counters) {
      point(counterName(ns, name, "count"), "counter", sum);
      point(counterName(ns, name, "rate"), "counter", sum / this.flushSeconds);
    }
    for (const [name, timer] of this.timers) {
      const stats = timerStats(timer.values, timer.count, this.percentiles, this.flushSeconds);
      for (const [stat, value] of Object.entries(stats)) point(timerName(ns, name, stat), "timer", value);
      if (ns === "plain") {
        for (const pct of this.percentiles) {
          const upper = stats[`upper_${percentileName(pct)}`];
          if (upper !== undefined) point(`${name}.${percentileAlias(pct)}`, "timer", upper);
        }
      }
    }
    for (const [name, value] of this.gauges) point(gaugeName(ns, name), "gauge", value);
    for (const [name, members] of this.sets) point(setName(ns, name), "set", members.size);

    this.counters = new Map();
    this.timers = new Map();
    this.gauges = new Map();
    this.sets = new Map();
    this.values = 0;
    return { series };
  }
}
