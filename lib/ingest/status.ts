import "server-only";
import { readEnv } from "@/lib/config/env";
import { retentionView, type RetentionView } from "@/lib/series/retention-view";
import type { Store } from "@/lib/store/types";
import { ingestLimit } from "./ingest-limit";
import { ingestStats, type IngestStatsSnapshot } from "./stats";

export interface IngestStatus {
  sources: IngestStatsSnapshot;
  /** The listener ports this process was configured with; null when turned off. */
  listeners: { graphite: { port: number | null }; statsd: { port: number | null; flushMs: number } };
  /** HTTP ingest backpressure: requests being processed, waiting, the cap, and 503s since start. */
  backpressure: { inflight: number; waiting: number; maxInflight: number; refused: number };
  retention: RetentionView;
  time: number;
}

/** Everything the ingest status page and `GET /api/v1/ingest/status` show, for this process. */
export async function ingestStatus(store: Store): Promise<IngestStatus> {
  const env = readEnv();
  const limit = ingestLimit();
  return {
    sources: ingestStats().snapshot(),
    listeners: {
      graphite: { port: env.DEPLOYLINES_GRAPHITE_PORT },
      statsd: { port: env.DEPLOYLINES_STATSD_PORT, flushMs: env.DEPLOYLINES_STATSD_FLUSH },
    },
    backpressure: { inflight: limit.inflight, waiting: limit.waiting, maxInflight: limit.max, refused: limit.refusedCount },
    retention: await retentionView(store),
    time: Date.now(),
  };
}
