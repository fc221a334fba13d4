import { badRequest } from "@/lib/http/api-error";
import { MAX_POINTS_PER_REQUEST, type IngestBatch, type IngestSeries, type MetricKind, type RunningVersion } from "@/lib/ingest/schema";
import { seriesName, type Labels } from "@/lib/series/labels";
import { runningVersionOf } from "./running-version";

/** Series one body may hold: a large scrape is tens of thousands; beyond this it is a mistake or an attack. */
export const MAX_SERIES_PER_BODY = 100_000;

/**
 * Groups decoded samples into one series per (name, label set) — the text format repeats a
 * series only by mistake, but remote_write may send one series in several entries — and
 * notes the versions `*_build_info`/`target_info` report. Refuses the body (400) past
 * MAX_POINTS_PER_REQUEST points or MAX_SERIES_PER_BODY series, so memory stays bounded.
 */
export class SeriesCollector {
  private readonly series = new Map<string, IngestSeries>();
  private readonly versions = new Map<string, RunningVersion>();
  private points = 0;

  /** Adds points to a series; the first call for a series decides its kind and unit. `labels` must be valid already. */
  add(metric: string, labels: Labels, kind: MetricKind, unit: string | undefined, points: [number, number][]): void {
    if (points.length === 0) return;
    this.points += points.length;
    if (this.points > MAX_POINTS_PER_REQUEST) throw badRequest(`too many samples in one body (at most ${MAX_POINTS_PER_REQUEST}); send fewer per request`);
    const key = seriesName(metric, labels);
    let series = this.series.get(key);
    if (!series) {
      if (this.series.size === MAX_SERIES_PER_BODY) throw badRequest(`too many series in one body (at most ${MAX_SERIES_PER_BODY}); send fewer per request`);
      series = { metric, kind, points: [] };
      if (Object.keys(labels).length > 0) series.labels = labels;
      if (unit) series.unit = unit;
      this.series.set(key, series);
    }
    let latest = 0;
    for (const point of points) {
      series.points.push(point);
      latest = Math.max(latest, point[0]);
    }
    this.noteVersion(metric, labels, latest);
  }

  /** The series and versions collected so far. */
  batch(): IngestBatch {
    const batch: IngestBatch = { series: [...this.series.values()] };
    if (this.versions.size > 0) batch.versions = [...this.versions.values()];
    return batch;
  }

  private noteVersion(metric: string, labels: Labels, ts: number): void {
    const version = runningVersionOf(metric, labels, ts);
    if (!version) return;
    // One entry per (service, environment, version), at the latest time it was seen.
    const key = JSON.stringify([version.service, version.environment ?? "", version.version]);
    const seen = this.versions.get(key);
    if (!seen || seen.ts < ts) this.versions.set(key, version);
  }
}
