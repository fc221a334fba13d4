import "server-only";
import type { IngestBatch, IngestResult } from "@/lib/ingest/schema";
import { labelKey } from "@/lib/series/labels";
import { SeriesLimitError } from "@/lib/store/series-limit";
import type { Store } from "@/lib/store/types";

/** Warnings about refused new series, at most one a minute (a sender past the limit would flood the log). */
const WARN_EVERY_MS = 60_000;
let lastWarning = 0;

/**
 * Stores a listener's batch; when its new series would pass the series limit, stores the points
 * of the series that exist already and drops only the new ones. A Graphite or StatsD batch mixes
 * every sender's names: refusing it whole would let one sender minting names stop all the others.
 */
export async function ingestWithinLimit(store: Store, batch: IngestBatch): Promise<IngestResult> {
  try {
    return await store.ingest(batch);
  } catch (error) {
    if (!SeriesLimitError.is(error)) throw error;
    const existing = new Set((await store.metricsNamed([...new Set(batch.series.map((s) => s.metric))])).map((m) => `${m.name}{${m.labels}}`));
    const kept = batch.series.filter((s) => existing.has(`${s.metric}{${labelKey(s.labels)}}`));
    if (Date.now() - lastWarning > WARN_EVERY_MS) {
      lastWarning = Date.now();
      console.warn(`[deploylines] ${error.message}; a listener batch kept its ${kept.length} existing series and dropped ${batch.series.length - kept.length} new ones`);
    }
    return kept.length > 0 ? store.ingest({ series: kept }) : { series: 0, points: 0, created: [] };
  }
}
