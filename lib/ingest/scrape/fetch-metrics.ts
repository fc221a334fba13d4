import http from "node:http";
import https from "node:https";
import { decodeBody } from "@/lib/http/decode-body";

export interface FetchMetricsOptions {
  /** The whole request — connect, headers, body, gunzip — must finish within this. */
  timeoutMs: number;
  /** Bytes the body may have on the wire and again once decompressed. */
  maxBytes: number;
  /** Aborts the request (shutdown). */
  signal?: AbortSignal;
}

export type FetchedMetrics = { ok: true; body: Buffer } | { ok: false; error: string };

// What Prometheus 2.42 asks for: OpenMetrics first, then the 0.0.4 text format, then anything.
const ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

/**
 * GETs a /metrics page within bounds, never throwing: a status other than 200, a body past
 * `maxBytes` (refused from Content-Length, else read chunk by chunk and cut off as soon as it
 * crosses), a gzip body that expands past `maxBytes` (decodeBody stops the inflater there, off the
 * event loop), a connection error or the timeout each come back as `{ok: false, error}`.
 * node:http rather than fetch, which would gunzip on its own without the bound.
 */
export function fetchMetrics(url: string, { timeoutMs, maxBytes, signal }: FetchMetricsOptions): Promise<FetchedMetrics> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: FetchedMetrics, abort: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (abort) request.destroy();
      resolve(result);
    };
    const fail = (error: string) => finish({ ok: false, error }, true);
    const onAbort = () => fail("scrape cancelled");
    const timer = setTimeout(() => fail(`timed out after ${timeoutMs} ms`), timeoutMs);
    const target = new URL(url);
    const request = (target.protocol === "https:" ? https : http).get(
      target,
      {
        headers: {
          accept: ACCEPT,
          "accept-encoding": "gzip",
          "user-agent": "deploylines-scraper",
          "x-prometheus-scrape-timeout-seconds": String(timeoutMs / 1000),
        },
      },
      (response) => {
        if (response.statusCode !== 200) return fail(`server returned HTTP status ${response.statusCode} ${response.statusMessage ?? ""}`.trim());
        const declared = Number(response.headers["content-length"]);
        if (declared > maxBytes) return fail(`body of ${declared} bytes is larger than ${maxBytes} bytes (DEPLOYLINES_INGEST_MAX_BYTES)`);
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(`body is larger than ${maxBytes} bytes (DEPLOYLINES_INGEST_MAX_BYTES); stopped reading`);
          else chunks.push(chunk);
        });
        response.on("error", (error) => fail(errorText(error)));
        response.on("end", () => {
          if (settled) return;
          void decodeBody(Buffer.concat(chunks, size), response.headers["content-encoding"], maxBytes).then((decoded) =>
            finish(decoded.ok ? { ok: true, body: decoded.body } : { ok: false, error: decoded.error }, false),
          );
        });
      },
    );
    request.on("error", (error) => fail(errorText(error)));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** An error's message; a connection to a name with several addresses fails with an AggregateError whose own message is empty. */
function errorText(error: Error): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map((e: Error) => e.message).join("; ");
  return error.message || (error as NodeJS.ErrnoException).code || String(error);
}
