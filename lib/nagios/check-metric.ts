import type { Point } from "@/lib/store/types";
import { formatDuration } from "@/lib/time/parse-duration";
import { formatValue } from "@/lib/ui/format";
import { aggregate } from "@/lib/verdicts/aggregate";
import type { VerdictAgg } from "@/lib/verdicts/criteria-schema";
import { unknown, type CheckResult } from "./check-result";
import { evaluate } from "./state";
import type { ThresholdRange } from "./threshold";

export interface MetricCheckOptions {
  metric: string;
  agg: VerdictAgg;
  windowMs: number;
  /** How old the newest point may be before the data counts as stale; default twice the window. */
  maxAgeMs?: number;
  warning?: ThresholdRange;
  critical?: ThresholdRange;
  /** Perfdata label; default the metric name. */
  label?: string;
}

/** What the backend knows of the metric: its unit, its window reduced, and its newest point. */
export interface MetricReading {
  unit: string | null;
  /** The points of the window: how many, and the check's aggregation of them (null for none). */
  window: { count: number; value: number | null };
  /** The newest point's time, in the window or before it (null or absent when none is known). */
  newestTs?: number | null;
}

/** A reading from raw points (oldest first): those from `from` on make the window; the newest is the later of them and `lastTs`. */
export function readingOfPoints(unit: string | null, points: readonly Point[], from: number, agg: VerdictAgg, lastTs?: number | null): MetricReading {
  const inWindow = points.filter(([ts]) => ts >= from);
  // A loop, not Math.max(...points): a long window holds more points than a call can take arguments.
  let newest = lastTs ?? -Infinity;
  for (const [ts] of points) if (ts > newest) newest = ts;
  return {
    unit,
    window: { count: inWindow.length, value: aggregate(inWindow.map(([, v]) => v), agg) },
    newestTs: Number.isFinite(newest) ? newest : null,
  };
}

/** How far back a check must read so that it can tell stale data from none: the window or the max age, whichever is longer. */
export function metricCheckSpan(options: Pick<MetricCheckOptions, "windowMs" | "maxAgeMs">): number {
  return Math.max(options.windowMs, maxAge(options));
}

/**
 * Checks a metric as a Nagios plugin would: reduces the points of the last `windowMs` with the
 * aggregation and evaluates the value against the warning and critical ranges. UNKNOWN, with the
 * reason, for an unknown metric (`reading` null), no points in the window, or a newest point
 * older than the max age — missing data must never read as OK.
 */
export function checkMetric(reading: MetricReading | null, options: MetricCheckOptions, now: number): CheckResult {
  const { metric, agg, windowMs } = options;
  const window = formatDuration(windowMs);
  if (!reading) return unknown(`${metric}: no such metric (nothing has been written to it)`);
  const newest = reading.newestTs ?? null;
  const lastSeen = newest !== null ? `last point ${formatDuration(now - newest)} ago` : "no points at all";
  if (reading.window.count === 0) return unknown(`${metric}: no data in the last ${window} (${lastSeen})`);
  if (newest === null || now - newest > maxAge(options)) {
    return unknown(`${metric}: data is stale, ${lastSeen}, older than the max age ${formatDuration(maxAge(options))}`);
  }
  const value = reading.window.value;
  if (value === null) return unknown(`${metric}: no data in the last ${window}`);
  const state = evaluate(value, options.warning, options.critical);
  const count = `${reading.window.count} point${reading.window.count === 1 ? "" : "s"}`;
  return {
    state,
    text: `${metric} ${agg} over ${window} = ${formatValue(value, reading.unit)} (${count})`,
    perfdata: [{ label: options.label ?? metric, value, uom: reading.unit ?? undefined, warning: options.warning, critical: options.critical }],
  };
}

function maxAge(options: Pick<MetricCheckOptions, "windowMs" | "maxAgeMs">): number {
  return options.maxAgeMs ?? 2 * options.windowMs;
}
