import { parseExposition } from "@/lib/ingest/prometheus/exposition";
import type { IngestBatch, IngestSeries } from "@/lib/ingest/schema";
import { countPoints } from "@/lib/ingest/stats";
import type { Labels } from "@/lib/series/labels";
import { fetchMetrics, type FetchMetricsOptions } from "./fetch-metrics";
import type { ScrapeTarget } from "./targets";

/** One scrape of one target: what to store, and how it went. */
export interface Scrape {
  /** When it started, epoch ms: samples without a timestamp of their own are stored at it, as are `up` and the scrape's own figures. */
  at: number;
  durationMs: number;
  /** Samples the target served; 0 when the scrape failed. */
  samples: number;
  /** Why it failed (`up` 0); null when it succeeded. */
  error: string | null;
  /** The target's samples with the target's labels, and `up`, `scrape_duration_seconds`, `scrape_samples_scraped`. */
  batch: IngestBatch;
}

/**
 * Scrapes a target once, as Prometheus does with `honor_labels: false`: fetches its page
 * (fetchMetrics' bounds), parses it (0.0.4 text or OpenMetrics), stamps every sample without a
 * timestamp with the scrape's start and gives it the target's labels, a clashing label of its own
 * kept as `exported_<name>`. A page with any malformed line fails the whole scrape, as there. A
 * failed scrape stores only `up` 0 and the scrape's figures. Null when `signal` aborted it.
 */
export async function scrapeTarget(target: ScrapeTarget, options: FetchMetricsOptions): Promise<Scrape | null> {
  const at = Date.now();
  const fetched = await fetchMetrics(target.url, options);
  if (options.signal?.aborted) return null;
  let batch: IngestBatch = { series: [] };
  let error = fetched.ok ? null : fetched.error;
  if (fetched.ok) {
    try {
      const parsed = parseExposition(fetched.body.toString("utf8"), { now: at, extraLabels: target.labels, honorLabels: false });
      const [first] = parsed.problems;
      if (first) error = `invalid exposition: ${first.where}: ${first.message}${parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : ""}`;
      else batch = parsed.batch;
    } catch (thrown) {
      error = `invalid exposition: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
    }
  }
  if (error !== null) batch = { series: [] };
  const durationMs = Date.now() - at;
  const samples = countPoints(batch);
  batch.series.push(...scrapeReport(target.labels, at, { up: error === null ? 1 : 0, durationMs, samples }));
  return { at, durationMs, samples, error, batch };
}

/** The series Prometheus adds for every scrape: `up`, `scrape_duration_seconds` and `scrape_samples_scraped`. */
function scrapeReport(labels: Labels, at: number, figures: { up: 0 | 1; durationMs: number; samples: number }): IngestSeries[] {
  const gauge = (metric: string, value: number, unit?: string): IngestSeries => ({ metric, labels, kind: "gauge", ...(unit ? { unit } : {}), points: [[at, value]] });
  return [gauge("up", figures.up), gauge("scrape_duration_seconds", figures.durationMs / 1000, "seconds"), gauge("scrape_samples_scraped", figures.samples)];
}
