import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
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
  return summarizeChunksSharing(chunks, (streams) => worker.fold(streams), SHARED_FOLD_MIN_STREAMS);
}

/** The process' one fold worker: started on first use, keeping the process alive only while it owes an answer. */
class FoldWorker {
  private readonly pending = new Map<number, { resolve: (folded: Float64Array) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  alive = true;

  constructor(private readonly worker: Worker) {
    worker.on("message", ({ id, folded }: { id: number; folded: Float64Array }) => {
      this.pending.get(id)?.resolve(folded);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`it exited with code ${code}`)));
    // After the listeners, which would ref it again: idle, the worker keeps no process alive.
    worker.unref();
  }

  fold(streams: MantissaStreams): Promise<Float64Array> {
    const id = this.nextId++;
    // Referenced while it owes an answer, so that a script awaiting one does not exit first.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, streams });
    });
  }

  private fail(error: Error): void {
    if (this.alive) console.error(`[deploylines] the chunk-folding worker failed; long windows are now decoded on the main thread alone: ${error.message}`);
    this.alive = false;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}

const WORKER = Symbol.for("deploylines.foldWorker");

/** The fold worker, shared by every Next.js bundle of this module; null once it has failed, or failed to start. */
function foldWorker(): FoldWorker | null {
  const holder = globalThis as { [WORKER]?: FoldWorker | null };
  if (holder[WORKER] === undefined) {
    try {
      holder[WORKER] = new FoldWorker(startWorker());
    } catch (error) {
      console.error(`[deploylines] the chunk-folding worker did not start; long windows are decoded on the main thread alone: ${(error as Error).message}`);
      holder[WORKER] = null;
    }
  }
  return holder[WORKER]?.alive ? holder[WORKER] : null;
}

function startWorker(): Worker {
  // In the built app (Next.js sets NEXT_RUNTIME) the bundler turns this URL into the worker's own chunk.
  if (process.env.NEXT_RUNTIME === "nodejs") return new Worker(new URL("./fold-worker.ts", import.meta.url));
  // Run from TypeScript sources (tests, the bench): tsx, resolved beside them, compiles the worker as it loads it.
  const entry = path.join(path.dirname(fileURLToPath(import.meta.url)), "fold-worker.ts");
  const tsx = createRequire(entry).resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true });
}
