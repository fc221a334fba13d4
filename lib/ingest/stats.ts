import { isPacked, type AnyBatch } from "./packed-batch";

export type IngestSource = "http" | "graphite" | "pickle" | "statsd" | "otlp" | "remote_write" | "prometheus_text" | "influx" | "scrape";

const RECENT_PROBLEMS = 10;

export interface SourceStats {
  /** Lines (Graphite, StatsD), datapoints (pickle) or points (HTTP) accepted from clients. */
  accepted: number;
  malformed: number;
  /** The last few malformed lines' reasons, newest last. */
  recentMalformed: { at: number; reason: string }[];
  batches: number;
  pointsWritten: number;
  failedBatches: number;
  lastError: { at: number; message: string } | null;
  lastIngestAt: number | null;
}

export type IngestStatsSnapshot = Record<IngestSource, SourceStats>;

/** Counts what each ingest path (HTTP JSON/Graphite, OTLP, remote_write, Prometheus text, scrapes, Graphite plaintext and pickle, StatsD) accepted, rejected and wrote. */
export class IngestStats {
  private readonly sources: IngestStatsSnapshot = {
    http: emptySourceStats(),
    graphite: emptySourceStats(),
    pickle: emptySourceStats(),
    statsd: emptySourceStats(),
    otlp: emptySourceStats(),
    remote_write: emptySourceStats(),
    prometheus_text: emptySourceStats(),
    influx: emptySourceStats(),
    scrape: emptySourceStats(),
  };

  accepted(source: IngestSource, count = 1): void {
    this.sources[source].accepted += count;
  }

  malformed(source: IngestSource, reason: string, at: number = Date.now()): void {
    const stats = this.sources[source];
    stats.malformed += 1;
    stats.recentMalformed.push({ at, reason });
    if (stats.recentMalformed.length > RECENT_PROBLEMS) stats.recentMalformed.shift();
  }

  batchWritten(source: IngestSource, points: number, at: number = Date.now()): void {
    const stats = this.sources[source];
    stats.batches += 1;
    stats.pointsWritten += points;
    stats.lastIngestAt = at;
  }

  batchFailed(source: IngestSource, error: unknown, at: number = Date.now()): void {
    const stats = this.sources[source];
    stats.failedBatches += 1;
    stats.lastError = { at, message: error instanceof Error ? error.message : String(error) };
  }

  /** A deep copy, safe to serialise for the ingest status endpoint. */
  snapshot(): IngestStatsSnapshot {
    return structuredClone(this.sources);
  }
}

function emptySourceStats(): SourceStats {
  return { accepted: 0, malformed: 0, recentMalformed: [], batches: 0, pointsWritten: 0, failedBatches: 0, lastError: null, lastIngestAt: null };
}

// Next.js may load this module once per bundle (route handlers, instrumentation); a symbol on
// globalThis makes all of them count into the same instance.
const SHARED = Symbol.for("deploylines.ingestStats");

/** The process-wide ingest counters shared by the HTTP API and the listeners. */
export function ingestStats(): IngestStats {
  const holder = globalThis as typeof globalThis & { [SHARED]?: IngestStats };
  return (holder[SHARED] ??= new IngestStats());
}

/** Counts the points in a batch (packed or not), for stats. */
export function countPoints(batch: AnyBatch): number {
  if (isPacked(batch)) return batch.points.length / 2;
  let total = 0;
  for (const series of batch.series) total += series.points.length;
  return total;
}
