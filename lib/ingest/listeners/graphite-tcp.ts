import "server-only";
import type net from "node:net";
import { eachGraphiteLine } from "@/lib/ingest/graphite";
import type { IngestBatch } from "@/lib/ingest/schema";
import { countPoints, ingestStats, type IngestSource, type IngestStats } from "@/lib/ingest/stats";
import { SeriesGathering } from "@/lib/ingest/to-batch";
import { Batcher } from "./batcher";
import type { Listener } from "./listen";
import { startTcpServer } from "./tcp-server";

// A "line" this long is not Graphite; discarding it up to its newline bounds per-connection memory.
const MAX_LINE_CHARS = 64 * 1024;

// Each commit rewrites one B-tree page per metric touched, so bigger batches amortise it:
// measured here with 1000 metrics, 20k-line batches reach about half the rate of 50k-line ones,
// and 200k-line ones 1.15–1.3× it. A batch only grows that large while the last one is being
// written (group commit), and its lines wait as [ts, value] pairs: about 13 MB at the most.
const DEFAULT_BATCH_LINES = 200_000;

export interface TcpListenerOptions {
  host?: string;
  port: number;
  ingest: (batch: IngestBatch) => Promise<unknown>;
  stats?: IngestStats;
  maxBatchLines?: number;
  maxDelayMs?: number;
  maxConnections?: number;
  idleTimeoutMs?: number;
}

/**
 * The batcher both Graphite listeners (plaintext, pickle) write through: points are pushed
 * one by one, written in batches as a group commit (the next gathers while the last is written),
 * and a connection is paused while a full batch waits so TCP
 * flow control holds senders back instead of memory growing.
 */
export function graphiteBatcher(options: TcpListenerOptions, source: IngestSource) {
  const stats = options.stats ?? ingestStats();
  const batcher = new Batcher(
    async (batch: IngestBatch) => {
      const points = countPoints(batch);
      try {
        await options.ingest(batch);
        stats.batchWritten(source, points);
      } catch (error) {
        stats.batchFailed(source, error);
        console.error(`${source}: dropped a batch of ${points} points:`, error);
      }
    },
    options.maxBatchLines ?? DEFAULT_BATCH_LINES,
    options.maxDelayMs ?? 100,
    new SeriesGathering(),
  );
  const holdBack = (socket: net.Socket) => {
    if (!batcher.mustWait) return;
    socket.pause();
    void batcher.dispatch().then(() => socket.resume());
  };
  // The TCP server settings both listeners share: limits from the options, paused while a full batch waits.
  const tcpOptions = {
    host: options.host,
    port: options.port,
    maxConnections: options.maxConnections ?? 1_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 0,
    busy: () => batcher.mustWait,
  };
  return { batcher, stats, holdBack, tcpOptions };
}

/**
 * Listens for Graphite plaintext (`name value unix_seconds` per line) on TCP and writes the
 * lines in batches (200k lines or 100 ms by default). Malformed lines are counted and skipped;
 * a line longer than 64 KiB is discarded up to its newline (nothing after the cut is read as a
 * line of its own); connections are capped and idle ones closed (see tcp-server.ts).
 */
export async function startGraphiteListener(options: TcpListenerOptions): Promise<Listener> {
  const { batcher, stats, holdBack, tcpOptions } = graphiteBatcher(options, "graphite");
  let overlongLines = 0;

  function accept(text: string, now: number): void {
    let accepted = 0;
    eachGraphiteLine(text, now, (parsed, start, end) => {
      if (end - start > MAX_LINE_CHARS) return overlong(now);
      if (typeof parsed !== "string") {
        batcher.push(parsed);
        accepted++;
      } else {
        stats.malformed("graphite", `${parsed}: "${text.slice(start, end).trim().slice(0, 80)}"`, now);
      }
    });
    stats.accepted("graphite", accepted);
  }
  function overlong(now: number): void {
    overlongLines++;
    stats.malformed("graphite", `line longer than ${MAX_LINE_CHARS} characters, discarded up to its newline`, now);
  }

  const tcp = await startTcpServer({
    ...tcpOptions,
    onConnection(socket, touch) {
      // utf8 decoding keeps a multi-byte character split across chunks whole.
      socket.setEncoding("utf8");
      let partial = "";
      let discarding = false;
      socket.on("data", (chunk: string) => {
        touch();
        let text = chunk;
        if (discarding) {
          const newline = text.indexOf("\n");
          if (newline === -1) return;
          discarding = false;
          text = text.slice(newline + 1);
        }
        text = partial + text;
        const end = text.lastIndexOf("\n");
        partial = end === -1 ? text : text.slice(end + 1);
        if (end !== -1) accept(text.slice(0, end), Date.now());
        if (partial.length > MAX_LINE_CHARS) {
          overlong(Date.now());
          partial = "";
          discarding = true;
        }
        holdBack(socket);
      });
      socket.on("end", () => {
        // Carbon drops a last line without a newline; `echo -n … | nc` users expect it kept.
        if (partial.trim() !== "" && !discarding) accept(partial, Date.now());
        partial = "";
      });
    },
  });

  return {
    port: tcp.port,
    status: () => ({ ...tcp.counts(), overlongLines }),
    async close() {
      await tcp.close();
      await batcher.flush();
    },
  };
}
