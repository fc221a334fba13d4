import "server-only";
import dgram from "node:dgram";
import type { IngestBatch } from "@/lib/ingest/schema";
import { countPoints, ingestStats, type IngestStats } from "@/lib/ingest/stats";
import { StatsdAggregator, type StatsdAggregatorOptions } from "@/lib/ingest/statsd/aggregator";
import { parseStatsdPacket } from "@/lib/ingest/statsd/parse";
import { untilQuiet, type Listener } from "./listen";
import { udpSocketInfo } from "./udp-socket-info";

const FLUSH_SLICE = 1_000;

export interface StatsdListenerOptions extends Omit<StatsdAggregatorOptions, "flushMs"> {
  host?: string;
  port: number;
  /** Flush interval in ms (DEPLOYLINES_STATSD_FLUSH); statsd's default is 10 s. */
  flushMs?: number;
  /** SO_RCVBUF asked of the kernel (DEPLOYLINES_STATSD_RECV_BUFFER); Linux caps it at net.core.rmem_max. */
  recvBufferBytes?: number;
  ingest: (batch: IngestBatch) => Promise<unknown>;
  stats?: IngestStats;
}

/**
 * Listens for StatsD packets on UDP, aggregates them and writes one point per stat every
 * `flushMs`. Malformed lines are counted in `stats` and skipped; `status()` tells the names
 * held, samples refused and the datagrams the kernel dropped; `close()` reads what is still
 * queued, stops listening and flushes once more.
 */
export async function startStatsdListener(options: StatsdListenerOptions): Promise<Listener> {
  const stats = options.stats ?? ingestStats();
  const flushMs = options.flushMs ?? 10_000;
  const aggregator = new StatsdAggregator({ ...options, flushMs });
  const socket = dgram.createSocket("udp4");
  let lastMessageAt = 0;

  socket.on("message", (message) => {
    const now = (lastMessageAt = Date.now());
    const { samples, problems } = parseStatsdPacket(message.toString("utf8"));
    let accepted = 0;
    for (const sample of samples) if (aggregator.add(sample)) accepted++;
    stats.accepted("statsd", accepted);
    for (const problem of problems) stats.malformed("statsd", `${problem.where}: ${problem.message}`, now);
  });

  // Flushes run one after another, so a slow write never overlaps the next interval's. A flush
  // is written in slices with a turn of the event loop between them: creating thousands of new
  // series in one transaction would hold every HTTP request back for as long (measured ~1.5 s
  // health latency for a 20k-series flush in one piece).
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    flushing = flushing.then(async () => {
      const { series } = aggregator.flush(Date.now());
      for (let i = 0; i < series.length; i += FLUSH_SLICE) {
        const slice = { series: series.slice(i, i + FLUSH_SLICE) };
        try {
          await options.ingest(slice);
          stats.batchWritten("statsd", countPoints(slice));
        } catch (error) {
          stats.batchFailed("statsd", error);
          console.error("statsd: dropped part of a flush:", error);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    return flushing;
  };
  const timer = setInterval(flush, flushMs);

  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(options.port, options.host ?? "0.0.0.0", () => {
      socket.off("error", reject);
      resolve();
    });
  });
  socket.on("error", (error) => console.error("statsd: socket error:", error));
  if (options.recvBufferBytes) {
    try {
      socket.setRecvBufferSize(options.recvBufferBytes);
    } catch (error) {
      console.error(`statsd: could not set the receive buffer to ${options.recvBufferBytes} bytes:`, error);
    }
  }
  const port = socket.address().port;
  let closed = false;

  return {
    port,
    status() {
      return {
        ...aggregator.counts(),
        // Linux reports twice what was asked (the kernel's bookkeeping share), capped at rmem_max·2.
        recvBufferBytes: closed ? null : socket.getRecvBufferSize(),
        kernelDrops: closed ? null : (udpSocketInfo(port)?.drops ?? null),
      };
    },
    async close() {
      // Where the kernel tells how much is still queued for the socket (Linux), read until it is
      // empty; elsewhere until no datagram came for a quiet period.
      const queued = () => (udpSocketInfo(port)?.queuedBytes ?? 0) > 0;
      await untilQuiet(() => (queued() ? Date.now() : lastMessageAt), 100, 5_000);
      closed = true;
      clearInterval(timer);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      await flush();
    },
  };
}
