import { Worker } from "node:worker_threads";
import { sharedHelper, tsxWorker } from "@/lib/workers/helper-thread";
import { answeredBatch, type AnyBatch, type ParseAnswer, type ParseRequest } from "./packed-batch";
import { parseIngestBody } from "./parse-request";

/**
 * Bodies from this size up are parsed on the parse worker. Below it the round trip (~0.1 ms)
 * costs more than parsing here; at 1 MB (50,000 JSON points) parsing takes the event loop 7–10 ms.
 */
export const OFF_THREAD_PARSE_MIN_BYTES = 64 * 1024;

const ROLE = { name: "the ingest-parsing worker", fallback: "large POST /api/v1/metrics bodies are parsed on the main thread" };

/**
 * Parses a `POST /api/v1/metrics` body as parseIngestBody does (the same batch, the same 400s),
 * on a worker thread when it is large: JSON.parse of a big batch would hold the event loop from
 * every other request, and a server writing one batch can parse the next on its other core.
 * Should the worker fail, the body is parsed here. A batch from the worker stays packed: a store
 * hands it on to its own worker as it is.
 */
export async function parseIngestBodyOffThread(contentType: string | null, body: Buffer): Promise<AnyBatch> {
  const helper = body.length >= OFF_THREAD_PARSE_MIN_BYTES ? parseWorker() : null;
  if (helper) {
    // A copy of exactly the body's bytes, moved to the worker (a Buffer may be a view into a larger pool).
    const bytes = new Uint8Array(body);
    let answer: ParseAnswer | undefined;
    try {
      answer = await helper.ask({ contentType, body: bytes }, [bytes.buffer]);
    } catch {
      // The worker failed (logged once) or hit an unexpected error: parsed here below, as if it never existed.
    }
    if (answer) return answeredBatch(answer);
  }
  return parseIngestBody(contentType, body.toString("utf8"));
}

/** Starts the parse worker now (at start-up), so that the first large body does not wait while it starts. */
export function startParseWorker(): void {
  parseWorker();
}

function parseWorker() {
  return sharedHelper<ParseRequest, ParseAnswer>(Symbol.for("deploylines.parseWorker"), ROLE, startWorker);
}

function startWorker(): Worker {
  // In the built app (Next.js sets NEXT_RUNTIME) the bundler turns this URL into the worker's own chunk.
  if (process.env.NEXT_RUNTIME === "nodejs") return new Worker(new URL("./parse-worker.ts", import.meta.url));
  return tsxWorker(import.meta.url, "parse-worker.ts");
}
