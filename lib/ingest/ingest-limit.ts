import "server-only";
import { readEnv } from "@/lib/config/env";
import { NextResponse } from "next/server";
import { InflightLimit, type Refusal } from "./inflight-limit";

/** Seconds a refused client is told to wait before retrying. */
export const RETRY_AFTER_S = 1;
const WAIT_MS = 10_000;

// Next.js may load this module once per bundle; one limiter per process is the point.
const SHARED = Symbol.for("deploylines.ingestLimit");

/**
 * The process-wide limit on HTTP ingest requests: `DEPLOYLINES_INGEST_MAX_INFLIGHT` at once,
 * as many again waiting (at most 10 s), the rest answered 503 with `Retry-After`.
 */
export function ingestLimit(): InflightLimit {
  const holder = globalThis as { [SHARED]?: InflightLimit };
  if (!holder[SHARED]) {
    const max = readEnv().DEPLOYLINES_INGEST_MAX_INFLIGHT;
    holder[SHARED] = new InflightLimit(max, max, WAIT_MS);
  }
  return holder[SHARED];
}

/**
 * Bytes one ingest body may have (DEPLOYLINES_INGEST_MAX_BYTES, 32 MiB by default): with the
 * in-flight cap this bounds the memory ingest bodies take, at most inflight × this limit.
 */
export function ingestMaxBytes(): number {
  return readEnv().DEPLOYLINES_INGEST_MAX_BYTES;
}

/**
 * Bytes a protobuf ingest body (OTLP, remote_write) may decode to: protobufjs decodes on the
 * event loop at roughly 13 MB/s here, so 4 MiB holds other requests for at most ~0.3 s. Exporters
 * send far smaller batches (Prometheus: 2,000 samples; OTel SDKs: one collection).
 */
export const PROTOBUF_MAX_BYTES = 4 * 1024 * 1024;

/** The 503 a refused ingest request gets: the client should retry after `Retry-After` seconds; nothing was stored. */
export function busyResponse(reason: Refusal): NextResponse {
  const why = reason === "queue-full" ? "too many ingest requests waiting" : "waited too long for an ingest slot";
  return NextResponse.json(
    { error: `ingest is busy (${why}); nothing was stored, retry after ${RETRY_AFTER_S} s` },
    { status: 503, headers: { "retry-after": String(RETRY_AFTER_S) } },
  );
}
