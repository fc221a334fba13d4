import "server-only";
import dgram from "node:dgram";
import type { IngestBatch } from "@/lib/ingest/schema";
import { countPoints, ingestStats, type IngestStats } from "@/lib/ingest/stats";
import { StatsdAggregator } from "@/lib/ingest/statsd/aggregator";
import { parseStatsdPacket } from "@/lib/ingest/statsd/parse";
import type { Listener } from "./listen";

export interface StatsdListenerOptions {
  host?: string;
  port: number;
  /** Flush interval in ms (DEPLOYLINES_STATSD_FLUSH); statsd's default is 10 s. */
  flushMs?: number;
  percentiles?: number[];
  ingest: (batch: IngestBatch) => Promise<unknown>;
  stats?: IngestStats;
}

/**
 * Listens for StatsD packets on UDP, aggregates them and writes one point per series every
 * `flushMs`. Malformed lines are counted in `stats` and skipped; `close()` flushes once more.
 */
export async function startStatsdListener(options: StatsdListenerOptions): Promise<Listener> {
  const stats = options.stats ?? ingestStats();
  const aggregator = new StatsdAggregator({ percentiles: options.percentiles });
  const socket = dgram.createSocket("udp4");

  socket.on("message", (message) => {
    const now = Date.now();
    const { samples, problems } = parseStatsdPacket(message.toString("utf8"));
    for (const sample of samples) aggregator.add(sample);
    stats.accepted("statsd", samples.length);
    for (const problem of problems) stats.malformed("statsd", `${problem.where}: ${problem.message}`, now);
  });

  // Flushes run one after another, so a slow write never overlaps the next interval's.
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    flushing = flushing.then(async () => {
      const batch = aggregator.flush(Date.now());
      if (batch.series.length === 0) return;
      try {
        await options.ingest(batch);
        stats.batchWritten("statsd", countPoints(batch));
      } catch (error) {
        stats.batchFailed("statsd", error);
        console.error("statsd: dropped a flush:", error);
      }
    });
    return flushing;
  };
  const timer = setInterval(flush, options.flushMs ?? 10_000);

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port, options.host ?? "0.0.0.0", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  socket.on("error", (error) => console.error("statsd: socket error:", error));

  return {
    port: socket.address().port,
    async close() {
      clearInterval(timer);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      await flush();
    },
  };
}
