import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type Transferable, type WorkerOptions } from "node:worker_threads";
import type { HelperReply } from "./serve-requests";

/**
 * One worker thread that answers requests in turn (lib/series/chunks/fold-worker.ts,
 * lib/ingest/parse-worker.ts): CPU-bound work a request would otherwise do on the event loop.
 * It keeps the process alive only while it owes an answer. If it fails, this is logged once,
 * every pending request is rejected, and `alive` turns false: callers then do the work themselves
 * (a request asked of it after that is rejected at once).
 */
export class HelperThread<Request, Answer> {
  private readonly pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  alive = true;

  constructor(
    private readonly worker: Worker,
    /** How it is logged should it fail: what the worker is, and what happens instead. */
    private readonly role: HelperRole,
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
    if (!this.alive) return Promise.reject(new Error(`${this.role.name} is no longer running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.worker.postMessage({ id, request }, transfer as Transferable[]);
      } catch (error) {
        // Not sent (a value that cannot be cloned): nothing is owed for it.
        return reject(error);
      }
      // Referenced while it owes an answer, so that a script awaiting one does not exit first.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
    });
  }

  private fail(error: Error): void {
    if (this.alive) console.error(`[deploylines] ${this.role.name} failed: ${error.message}; ${this.role.fallback}`);
    this.alive = false;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
    this.worker.unref();
  }
}

/** What a helper is, for its log lines: "the chunk-folding worker", and what happens without it. */
export interface HelperRole {
  name: string;
  fallback: string;
}

/**
 * The process' one helper under `key`, shared by every Next.js bundle of its module (kept on
 * globalThis); started on first use by `start`, null once it failed or failed to start (logged).
 */
export function sharedHelper<Request, Answer>(key: symbol, role: HelperRole, start: () => Worker): HelperThread<Request, Answer> | null {
  const holder = globalThis as { [key: symbol]: HelperThread<Request, Answer> | null | undefined };
  if (holder[key] === undefined) {
    try {
      holder[key] = new HelperThread<Request, Answer>(start(), role);
    } catch (error) {
      console.error(`[deploylines] ${role.name} did not start: ${(error as Error).message}; ${role.fallback}`);
      holder[key] = null;
    }
  }
  return holder[key]?.alive ? holder[key] : null;
}

/**
 * A worker running a TypeScript entry `file` beside the module at `moduleUrl`, through tsx: the
 * way a helper starts when run from sources (tests, the bench). The built app starts the chunk
 * Next.js bundles instead, from a literal `new Worker(new URL(…, import.meta.url))` in the caller.
 * With the react-server condition, as the app's server code is resolved: `server-only` is then
 * the empty module it is in the built server.
 */
export function tsxWorker(moduleUrl: string, file: string, options: WorkerOptions = {}): Worker {
  const entry = path.join(path.dirname(fileURLToPath(moduleUrl)), file);
  const tsx = createRequire(entry).resolve("tsx/cjs");
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { ...options, eval: true, execArgv: [...process.execArgv, "--conditions=react-server"] });
}
