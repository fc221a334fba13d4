import "server-only";
import net from "node:net";
import { parseGraphiteLine, type GraphiteLine } from "@/lib/ingest/graphite";
import type { IngestBatch } from "@/lib/ingest/schema";
import { ingestStats, type IngestStats } from "@/lib/ingest/stats";
import { linesToBatch } from "@/lib/ingest/to-batch";
import { Batcher } from "./batcher";
import { listen, type Listener } from "./listen";

// A "line" this long without a newline is not Graphite; dropping it bounds per-connection memory.
const MAX_LINE_CHARS = 64 * 1024;

// Each commit rewrites one B-tree page per metric touched, so bigger batches amortise it:
// measured here with 1000 metrics, 20k-line batches reach about half the rate of 50k-line ones.
const DEFAULT_BATCH_LINES = 50_000;

export interface GraphiteListenerOptions {
  host?: string;
  port: number;
  ingest: (batch: IngestBatch) => Promise<unknown>;
  stats?: IngestStats;
  maxBatchLines?: number;
  maxDelayMs?: number;
}

/**
 * Listens for Graphite plaintext (`name value unix_seconds` per line) on TCP and writes the
 * lines to `ingest` in batches (50k lines or 100 ms by default). While a batch is being written
 * every connection that has data waiting is paused, so TCP flow control holds senders back
 * instead of memory growing. Malformed lines are counted in `stats` and skipped.
 */
export async function startGraphiteListener(options: GraphiteListenerOptions): Promise<Listener> {
  const stats = options.stats ?? ingestStats();
  const batcher = new Batcher<GraphiteLine>(
    async (lines) => {
      try {
        await options.ingest(linesToBatch(lines));
        stats.batchWritten("graphite", lines.length);
      } catch (error) {
        stats.batchFailed("graphite", error);
        console.error(`graphite: dropped a batch of ${lines.length} lines:`, error);
      }
    },
    options.maxBatchLines ?? DEFAULT_BATCH_LINES,
    options.maxDelayMs ?? 100,
  );

  function accept(text: string, now: number): void {
    let accepted = 0;
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const parsed = parseGraphiteLine(line, now);
      if (typeof parsed === "string") stats.malformed("graphite", `${parsed}: "${line.trim().slice(0, 80)}"`, now);
      else {
        batcher.push(parsed);
        accepted++;
      }
    }
    stats.accepted("graphite", accepted);
  }

  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    // utf8 decoding keeps a multi-byte character split across chunks whole.
    socket.setEncoding("utf8");
    let partial = "";
    socket.on("data", (chunk: string) => {
      const text = partial + chunk;
      const end = text.lastIndexOf("\n");
      if (end === -1) {
        partial = text;
        if (partial.length > MAX_LINE_CHARS) {
          stats.malformed("graphite", `line longer than ${MAX_LINE_CHARS} characters`);
          partial = "";
        }
        return;
      }
      partial = text.slice(end + 1);
      accept(text.slice(0, end), Date.now());
      if (batcher.mustWait) {
        socket.pause();
        void batcher.flush().then(() => socket.resume());
      }
    });
    socket.on("end", () => {
      // Carbon drops a last line without a newline; `echo -n … | nc` users expect it kept.
      if (partial.trim() !== "") accept(partial, Date.now());
      partial = "";
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => sockets.delete(socket));
  });

  const port = await listen(server, options.port, options.host);
  return {
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      await batcher.flush();
    },
  };
}
