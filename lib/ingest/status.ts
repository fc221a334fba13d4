import "server-only";
import { readEnv } from "@/lib/config/env";
import { retentionView, type RetentionView } from "@/lib/series/retention-view";
import type { Store } from "@/lib/store/types";
import { ingestLimit } from "./ingest-limit";
import { ingestOffReason } from "./remote-off";
import { listenerCounters } from "./listeners/start-listeners";
import type { ScrapeStatus } from "./scrape/scrape-loop";
import { scrapeStatus } from "./scrape/start-scraping";
import { ingestStats, type IngestStatsSnapshot } from "./stats";

export interface ListenerStatus {
  port: number | null;
  /** While the listener runs; null when it is off or not started yet. */
  counters: Record<string, number | string | null> | null;
}

export interface IngestStatus {
  /** Why metric ingest (HTTP and listeners) is off — a remote metrics backend, named — or null while it is on. */
  off: string | null;
  sources: IngestStatsSnapshot;
  /**
   * Per listener: the port it was configured with (null when turned off) and, while it runs,
   * `counters` — TCP: connections, maxConnections, refusedConnections, idleClosed, plus
   * overlongLines (plaintext) or malformedFrames/oversizedFrames (pickle); StatsD: names held,
   * maxNames, refusedSamples, typeConflicts, recvBufferBytes and kernelDrops (null where the OS
   * does not tell).
   */
  listeners: {
    graphite: ListenerStatus;
    pickle: ListenerStatus;
    statsd: ListenerStatus & { flushMs: number; namespace: "plain" | "legacy"; percentiles: number[] };
  };
  /** Scrape targets (DEPLOYLINES_SCRAPE, DEPLOYLINES_SCRAPE_FILE) and each one's last scrape: health, time, duration, error, samples. */
  scrape: ScrapeStatus;
  /** HTTP ingest backpressure: requests being processed, waiting, the cap, and 503s since start. */
  backpressure: { inflight: number; waiting: number; maxInflight: number; refused: number };
  retention: RetentionView;
  time: number;
}

/** Everything the ingest status page and `GET /api/v1/ingest/status` show, for this process. */
export async function ingestStatus(store: Store): Promise<IngestStatus> {
  const env = readEnv();
  const limit = ingestLimit();
  const counters = await listenerCounters();
  const off = ingestOffReason(env);
  return {
    off,
    sources: ingestStats().snapshot(),
    listeners: {
      graphite: { port: off ? null : env.DEPLOYLINES_GRAPHITE_PORT, counters: counters.graphite ?? null },
      pickle: { port: off ? null : env.DEPLOYLINES_PICKLE_PORT, counters: counters.pickle ?? null },
      statsd: {
        port: off ? null : env.DEPLOYLINES_STATSD_PORT,
        flushMs: env.DEPLOYLINES_STATSD_FLUSH,
        namespace: env.DEPLOYLINES_STATSD_LEGACY_NAMESPACE ? "legacy" : "plain",
        percentiles: env.DEPLOYLINES_STATSD_PERCENTILES,
        counters: counters.statsd ?? null,
      },
    },
    scrape: scrapeStatus(env),
    backpressure: { inflight: limit.inflight, waiting: limit.waiting, maxInflight: limit.max, refused: limit.refusedCount },
    retention: await retentionView(store),
    time: Date.now(),
  };
}
