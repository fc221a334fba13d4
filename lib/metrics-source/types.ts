import type { PointsFor } from "@/lib/series/raw-points-reader";
import type { ReadLimits, SeriesAnswer, SeriesRequest } from "@/lib/series/read-series";
import type { MetricListFilter, MetricRow, Point, WindowSummary, SeriesRead } from "@/lib/store/types";

/** Where metrics are read from: the embedded store, or a Prometheus-compatible query API at `url`. */
export type MetricsBackend = { kind: "embedded" } | { kind: "prometheus"; url: string; serviceLabels: string[] };

/** How a backend answered a reachability probe. */
export interface BackendHealth {
  reachable: boolean;
  latencyMs: number;
  /** The backend's own words when it is not reachable or answered an error. */
  error?: string;
}

/**
 * Everything that reads metrics goes through this interface: the embedded store's series, or a
 * remote Prometheus-compatible backend's. A series is a `MetricRow` either way (name, canonical
 * label text, kind, unit); a remote one has no id, so reads take the row, never its id.
 * Backend failures are `ApiError`s (502 with the backend's message, 504 on a timeout).
 */
export interface MetricsSource {
  readonly backend: MetricsBackend;
  /** Distinct metric names in name order, a page at a time (`prefix`, `after`, `limit`). */
  listNames(filter?: MetricListFilter): Promise<string[]>;
  /** Series (a row per name and label set) in name order, a page at a time. */
  listSeries(filter?: MetricListFilter): Promise<MetricRow[]>;
  /** How many series there are (with `prefix`, whose names start with it). */
  countSeries(prefix?: string): Promise<number>;
  /** Every series of these names, whatever its labels. */
  seriesNamed(names: string[]): Promise<MetricRow[]>;
  /** The series of this name and canonical label text (`""` for the unlabelled one). */
  getSeries(name: string, labels?: string): Promise<MetricRow | undefined>;
  /** A service's series: dotted names under `<service>.` and series whose service label is the service. */
  serviceSeries(service: string): Promise<MetricRow[]>;
  /** The series the at-a-glance views (overview sparkline, standup screen) pick from, per service. */
  seriesByService(service?: string): Promise<Map<string, MetricRow[]>>;
  /** What a chart of a selector shows: counters as rates, histogram buckets as quantiles, gauges downsampled. */
  readSeries(request: SeriesRequest, limits?: ReadLimits): Promise<SeriesAnswer>;
  /** The series a selector picks, the first `limit` in (name, labels) order, and how many match. */
  matchSeries(pattern: string, where?: string, limit?: number, options?: { unlabelledOnly?: boolean }): Promise<{ metrics: MetricRow[]; total: number }>;
  /** One series in [from, to] at about maxPoints points, as stored (no rate or quantile). */
  downsampled(series: MetricRow, from: number, to: number, maxPoints: number): Promise<SeriesRead>;
  /** One series' samples in [from, to] at the scrape step, oldest first; the first `limit` when given. */
  rawPoints(series: MetricRow, from: number, to: number, limit?: number): Promise<Point[]>;
  /** One series' samples in [from, to] reduced to count, sum, min, max and last (the embedded store decodes them without materializing). */
  windowSummary(series: MetricRow, from: number, to: number): Promise<WindowSummary>;
  /** A points reader for verdicts, impact and compare: raw samples of gauges, rates of counters, quantiles of histograms. */
  pointsFor(): PointsFor;
  /** Whether the backend answers, and how fast. */
  health(): Promise<BackendHealth>;
}
