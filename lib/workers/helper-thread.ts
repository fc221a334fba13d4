import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type Transferable } from "node:worker_threads";
import type { HelperReply } from "./serve-requests";

/**
 * One worker thread that answers requests in turn (lib/series/chunks/fold-worker.ts,
 * lib/ingest/parse-worker.ts): CPU-bound work a request would otherwise do on the event loop.
 * It keeps the process alive only while it owes an answer. If it fails, this is logged once,
 * every pending request is rejected, and `alive` turns false: callers then do the work themselves.
 */
export class HelperThread<Request, Answer> {
  private readonly pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  alive = true;

  constructor(
    private readonly worker: Worker,
    /** Logged if it fails: what it did and what happens instead, e.g. "the chunk-folding worker … decoded on the main thread alone". */
    private readonly failure: string,
  ) {
    worker.on("message", (reply: HelperReply<Answer>) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.answer);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`it exited with code ${code}`)));
    // After the listeners, which would ref it again: idle, the worker keeps no process alive.
    worker.unref();
  }

  /** Sends one request (its `transfer` list moved, not copied); rejects if the worker fails or cannot answer. */
  ask(request: Request, transfer: readonly Transferable[] = []): Promise<Answer> {
    const id = this.nextId++;
    // Referenced while it owes an answer, so that a script awaiting one does not exit first.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, request }, transfer as Transferable[]);
    });
  }

  private fail(error: Error): void {
    if (this.alive) console.error(`[deploylines] ${this.failure}: ${error.message}`);
    this.alive = false;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}

/**
 * The process' one helper under `key`, shared by every Next.js bundle of its module (kept on
 * globalThis); started on first use by `start`, null once it failed or failed to start (logged).
 */
export function sharedHelper<Request, Answer>(key: symbol, failure: string, start: () => Worker): HelperThread<Request, Answer> | null {
  const holder = globalThis as { [key: symbol]: HelperThread<Request, Answer> | null | undefined };
  if (holder[key] === undefined) {
    try {
      holder[key] = new HelperThread<Request, Answer>(start(), failure);
    } catch (error) {
      console.error(`[deploylines] ${failure} (it did not start): ${(error as Error).message}`);
      holder[key] = null;
    }
  }
  return holder[key]?.alive ? holder[key] : null;
}

/**
 * A worker running a TypeScript entry `file` beside the module at `moduleUrl`, through tsx: the
 * way a helper starts when run from sources (tests, the bench). The built app starts the chunk
 * Next.js bundles instead, from a literal `new Worker(new URL(…, import.meta.url))` in the caller.
 */
export function tsxWorker(moduleUrl: string, file: string): Worker {
  const entry = path.join(path.dirname(fileURLToPath(moduleUrl)), file);
  const tsx = createRequire(entry).resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true });
}
