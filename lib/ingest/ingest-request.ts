import "server-only";
import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { decodeBody } from "@/lib/http/decode-body";
import { bodyTooLarge, readBody, refuseDeclaredOverLimit } from "@/lib/http/read-body";
import { recordRunningVersions } from "@/lib/deploys/running-version/record";
import { getStore } from "@/lib/store";
import type { Store } from "@/lib/store/types";
import { refuseIngestWhenRemote } from "./remote-off";
import { busyResponse, ingestLimit, ingestMaxBytes } from "./ingest-limit";
import type { AnyBatch } from "./packed-batch";
import type { IngestResult } from "./schema";
import { countPoints, ingestStats, type IngestSource } from "./stats";

/**
 * Serves one ingest request within the ingest bounds: a declared size over
 * DEPLOYLINES_INGEST_MAX_BYTES is refused before reading; an ingest slot is held while the body
 * is read (counted, 413 as soon as it crosses the limit), decompressed when `Content-Encoding`
 * is gzip or deflate (off the event loop, never past the same limit), parsed and stored; with no
 * slot free the client gets 503 + Retry-After. `handle` gets the plain body and the store;
 * `maxBytes` lowers the limit for formats costly to parse (protobuf). With a remote metrics source
 * every request is a 409 naming the backend.
 */
export async function acceptIngest(req: Request, handle: (body: Buffer, store: Store) => Promise<Response>, maxBytes = Number.POSITIVE_INFINITY): Promise<Response> {
  refuseIngestWhenRemote();
  const limit = Math.min(ingestMaxBytes(), maxBytes);
  await refuseDeclaredOverLimit(req, limit);
  const slot = await ingestLimit().acquire();
  if ("refused" in slot) return busyResponse(slot.refused);
  try {
    const read = await readBody(req, limit);
    // A view of what was read, not a copy: a large body is copied once more to cross to the parse worker.
    const raw = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
    const encoding = req.headers.get("content-encoding") ?? undefined;
    const decoded = await decodeBody(raw, encoding, limit);
    if (!decoded.ok) {
      if (decoded.error.includes("more than")) throw bodyTooLarge(limit);
      throw new ApiError(400, decoded.error, [{ where: "body", message: decoded.error }]);
    }
    return await handle(decoded.body, await getStore());
  } finally {
    slot.release();
  }
}

/**
 * Stores a decoded batch in one transaction, counting it under `source` in the ingest stats;
 * a bad batch (ApiError) is counted as malformed, by each of its problems.
 */
export async function storeBatch(store: Store, source: IngestSource, decode: () => AnyBatch | Promise<AnyBatch>): Promise<IngestResult> {
  const stats = ingestStats();
  let batch: AnyBatch;
  try {
    batch = await decode();
  } catch (error) {
    if (ApiError.is(error)) {
      for (const problem of error.problems.length > 0 ? error.problems : [{ where: "body", message: error.message }]) stats.malformed(source, `${problem.where}: ${problem.message}`);
    }
    throw error;
  }
  try {
    const result = batch.series.length === 0 ? { series: 0, points: 0, created: [] } : await store.ingest(batch);
    stats.accepted(source, countPoints(batch));
    stats.batchWritten(source, result.points);
    // After the points: a version report may record a detected deploy, which should find its metrics there.
    await recordRunningVersions(store, batch.versions, Date.now(), { via: VERSION_SOURCE[source] });
    return result;
  } catch (error) {
    stats.batchFailed(source, error);
    throw error;
  }
}

/** How each source reports a version, as a detected deploy's description names it. */
const VERSION_SOURCE: Partial<Record<IngestSource, string>> = {
  otlp: "OTLP (resource service.version)",
  remote_write: "remote_write (a *_build_info / target_info version label)",
  prometheus_text: "exposition text (a *_build_info / target_info version label)",
  scrape: "a scrape (a *_build_info / target_info version label)",
};

/** The usual answer to a stored batch: 202 with its counts. */
export function acceptedResponse(result: IngestResult): NextResponse {
  return NextResponse.json({ accepted: true, ...result }, { status: 202 });
}
