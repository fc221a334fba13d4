import type { IngestBatch, MetricKind } from "@/lib/ingest/schema";
import { seriesName, type Labels } from "@/lib/series/labels";
import { counterName, gaugeName, percentileAlias, setName, timerName, type StatsdNamespace } from "./namespace";
import type { StatsdSample } from "./parse";
import { percentileName, timerStats } from "./timer-stats";

export const DEFAULT_PERCENTILES = [90, 95, 99];
export const DEFAULT_MAX_NAMES = 10_000;
// Timer values and set members held in one interval, all names together: 8 MB of timer values,
// and a flush-time sort that stays well under a second.
export const DEFAULT_MAX_VALUES = 1_000_000;

type Series = IngestBatch["series"][number];
/** What a held key stands for: a name and the labels of its DogStatsD tags. */
interface Held {
  name: string;
  labels?: Labels;
}

export interface StatsdAggregatorOptions {
  /** The configured flush interval: rates are per second of it, as statsd computes them. */
  flushMs: number;
  percentiles?: number[];
  /** Series — a name (of any type) and a label set — held between two flushes; samples for new ones beyond it are refused. */
  maxNames?: number;
  /** Timer values plus set members held between two flushes; samples beyond it are refused. */
  maxValues?: number;
  namespace?: StatsdNamespace;
}

/** What the aggregator holds and has refused since it started. */
export interface StatsdAggregatorCounts {
  /** Series held: each (name, label set) counts once. */
  names: number;
  maxNames: number;
  /** Samples refused because `maxNames` series, or `maxValues` timer values and set members, were already held in the interval. */
  refusedSamples: number;
  /** Samples refused because the name is held as a counter and a set at once, which would share `X.count`. */
  typeConflicts: number;
}

/**
 * Aggregates StatsD samples between flushes with the reference daemon's semantics under
 * `deleteIdleStats: true`: a flush writes exactly the names that received samples in its
 * interval and then forgets them, so a name that received nothing is not written (no zeros
 * forever) and memory holds at most `maxNames` names. A name with tags is aggregated per label
 * set (`route:/a` and `route:/b` are two series) and every stat it writes carries the labels;
 * `maxNames` counts each (name, labels) pair. Counter rates and timers' `count_ps`
 * divide by the configured flush interval; gauges apply signed values as deltas to a value
 * received in the same interval. Timer values and set members are bounded too (`maxValues`),
 * so a flush's sort and memory stay bounded. Names per `namespace` (see namespace.ts).
 */
export class StatsdAggregator {
  // Keyed by `name{labels}` (seriesName), so each label set of a name is aggregated on its own.
  private counters = new Map<string, Held & { sum: number }>();
  private timers = new Map<string, Held & { values: number[]; count: number }>();
  private gauges = new Map<string, Held & { value: number }>();
  private sets = new Map<string, Held & { members: Set<string> }>();
  // Which type writes `X.count` for name X in the plain namespace, whatever the labels: the
  // store keeps one kind per metric name.
  private countWriters = new Map<string, "counter" | "set">();
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
    const { name, labels } = sample;
    const key = seriesName(name, labels);
    switch (sample.kind) {
      case "counter": {
        let counter = this.counters.get(key);
        if (!counter) {
          if (!this.admit(name, "counter")) return false;
          this.counters.set(key, (counter = { name, labels, sum: 0 }));
        }
        counter.sum += sample.value / sample.sampleRate;
        return true;
      }
      case "timer": {
        if (!this.holdValue()) return false;
        let timer = this.timers.get(key);
        if (!timer) {
          if (!this.admit(name, "timer")) return false;
          this.timers.set(key, (timer = { name, labels, values: [], count: 0 }));
        }
        timer.values.push(sample.value);
        timer.count += 1 / sample.sampleRate;
        this.values++;
        return true;
      }
      case "gauge": {
        const gauge = this.gauges.get(key);
        if (!gauge) {
          if (!this.admit(name, "gauge")) return false;
          this.gauges.set(key, { name, labels, value: sample.value });
        } else gauge.value = sample.delta ? gauge.value + sample.value : sample.value;
        return true;
      }
      case "set": {
        let set = this.sets.get(key);
        if (set?.members.has(sample.member)) return true;
        if (!this.holdValue()) return false;
        if (!set) {
          if (!this.admit(name, "set")) return false;
          this.sets.set(key, (set = { name, labels, members: new Set() }));
        }
        set.members.add(sample.member);
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
    if (this.namespace === "plain" && (kind === "counter" || kind === "set")) {
      const writer = this.countWriters.get(name);
      if (writer !== undefined && writer !== kind) {
        this.typeConflicts++;
        return false;
      }
      this.countWriters.set(name, kind);
    }
    return true;
  }

  private get names(): number {
    return this.counters.size + this.timers.size + this.gauges.size + this.sets.size;
  }

  counts(): StatsdAggregatorCounts {
    return { names: this.names, maxNames: this.maxNames, refusedSamples: this.refusedSamples, typeConflicts: this.typeConflicts };
  }

  /** Emits one point per stat at `now` for every series that received samples since the last flush, and forgets them. */
  flush(now: number = Date.now()): IngestBatch {
    const ns = this.namespace;
    const series: Series[] = [];
    const point = (metric: string, labels: Labels | undefined, kind: MetricKind, value: number) =>
      series.push({ metric, ...(labels && { labels }), kind, points: [[now, value]] });

    for (const { name, labels, sum } of this.counters.values()) {
      point(counterName(ns, name, "count"), labels, "counter", sum);
      point(counterName(ns, name, "rate"), labels, "counter", sum / this.flushSeconds);
    }
    for (const { name, labels, values, count } of this.timers.values()) {
      const stats = timerStats(values, count, this.percentiles, this.flushSeconds);
      for (const [stat, value] of Object.entries(stats)) point(timerName(ns, name, stat), labels, "timer", value);
      if (ns === "plain") {
        for (const pct of this.percentiles) {
          const upper = stats[`upper_${percentileName(pct)}`];
          if (upper !== undefined) point(`${name}.${percentileAlias(pct)}`, labels, "timer", upper);
        }
      }
    }
    for (const { name, labels, value } of this.gauges.values()) point(gaugeName(ns, name), labels, "gauge", value);
    for (const { name, labels, members } of this.sets.values()) point(setName(ns, name), labels, "set", members.size);

    this.counters = new Map();
    this.timers = new Map();
    this.gauges = new Map();
    this.sets = new Map();
    this.countWriters = new Map();
    this.values = 0;
    return { series };
  }
}
