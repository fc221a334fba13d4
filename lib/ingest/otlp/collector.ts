import { badRequest } from "@/lib/http/api-error";
import { MAX_POINTS_PER_REQUEST, type IngestSeries, type MetricKind } from "@/lib/ingest/schema";
import type { Labels } from "@/lib/series/labels";

/** Series one request may create or touch; beyond it the request is refused, not truncated. */
export const MAX_SERIES_PER_REQUEST = 100_000;
/** Distinct rejection reasons kept: enough to fix a sender, bounded against a hostile one. */
export const MAX_REJECTION_REASONS = 20;

/** An accepted data point before its values are added: its labels, their canonical key, its time. */
export interface PointAt {
  labels: Labels;
  /** `labelKey(labels)`, computed once per point rather than once per bucket. */
  key: string;
  ts: number;
}

/** A label the mapping adds per series of one point: `le` for buckets, `quantile` for summaries. */
export interface ExtraLabel {
  name: "le" | "quantile";
  value: string;
}

/**
 * Groups decoded points into series by (metric, labels, kind) and counts what was refused.
 * The point and series caps are checked as points arrive, so a request whose histograms would
 * expand past them stops there instead of first growing the whole batch in memory.
 */
export class SeriesCollector {
  private series = new Map<string, IngestSeries>();
  private points = 0;
  private rejected = 0;
  private reasons = new Set<string>();

  /** Adds one point to its series, creating the series on first sight. */
  add(metric: string, kind: MetricKind, unit: string | undefined, at: PointAt, value: number, extra?: ExtraLabel): void {
    if (++this.points > MAX_POINTS_PER_REQUEST) {
      throw badRequest(`an OTLP request may carry at most ${MAX_POINTS_PER_REQUEST} points (histogram buckets count one each); send smaller batches`);
    }
    const key = extra ? `${metric}\u0000${kind}\u0000${at.key}\u0000${extra.name}=${extra.value}` : `${metric}\u0000${kind}\u0000${at.key}`;
    let series = this.series.get(key);
    if (!series) {
      if (this.series.size >= MAX_SERIES_PER_REQUEST) {
        throw badRequest(`an OTLP request may touch at most ${MAX_SERIES_PER_REQUEST} series; send smaller batches or fewer attribute combinations`);
      }
      const labels = extra ? { ...at.labels, [extra.name]: extra.value } : at.labels;
      series = { metric, labels, kind, points: [], ...(unit ? { unit } : {}) };
      this.series.set(key, series);
    }
    series.points.push([at.ts, value]);
  }

  /** Counts `points` refused data points, keeping the reason if there is room. */
  reject(reason: string, points = 1): void {
    this.rejected += points;
    if (this.reasons.size < MAX_REJECTION_REASONS) this.reasons.add(reason);
  }

  get seriesList(): IngestSeries[] {
    return [...this.series.values()];
  }

  get rejectedPoints(): number {
    return this.rejected;
  }

  get errors(): string[] {
    return [...this.reasons];
  }
}
