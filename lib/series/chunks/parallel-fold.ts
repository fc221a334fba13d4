import { Worker } from "node:worker_threads";
import { sharedHelper, tsxWorker, type HelperThread } from "@/lib/workers/helper-thread";
import { summarizeChunks, summarizeChunksSharing, type ValueSummary } from "./codec";
import type { MantissaStreams } from "./mantissa-fold";

/**
 * Below this many mantissa streams (regular DECIMAL chunks) a window is folded on the calling
 * thread alone: a worker's round trip (~0.1 ms) costs more than half the decoding saves.
 */
export const SHARED_FOLD_MIN_STREAMS = 16;

/**
 * Chunks reduced as summarizeChunks does, on two threads when there are many: half of the
 * mantissa streams go to a worker thread while this one folds the other half. Decoding a 30-day
 * window is the one CPU-bound step of a long check, and a server has more than one core. Without
 * a worker (it failed to start or died, logged once) this thread folds everything.
 */
export async function summarizeChunksInParallel(chunks: readonly Uint8Array[]): Promise<ValueSummary> {
  // Too few chunks to share, whatever their encodings: no worker is started for them.
  const worker = chunks.length >= SHARED_FOLD_MIN_STREAMS ? foldWorker() : null;
  if (!worker) return summarizeChunks(chunks);
  return summarizeChunksSharing(chunks, (streams) => worker.ask(streams), SHARED_FOLD_MIN_STREAMS);
}

const ROLE = { name: "the chunk-folding worker", fallback: "long windows are decoded on the main thread alone" };

/** The process' fold worker; null once it has failed, or failed to start. */
function foldWorker(): HelperThread<MantissaStreams, Float64Array> | null {
  return sharedHelper(Symbol.for("deploylines.foldWorker"), ROLE, startWorker);
}

function startWorker(): Worker {
  // In the built app (Next.js sets NEXT_RUNTIME) the bundler turns this URL into the worker's own chunk.
  if (process.env.NEXT_RUNTIME === "nodejs") return new Worker(new URL("./fold-worker.ts", import.meta.url));
  return tsxWorker(import.meta.url, "fold-worker.ts");
}
