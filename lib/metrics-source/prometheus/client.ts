import "server-only";
import { ApiError } from "@/lib/http/api-error";
import { readWithin } from "@/lib/http/read-body";

export interface PromClientOptions {
  /** The query API's base URL, e.g. http://prometheus:9090 (no trailing slash). */
  url: string;
  bearer?: string;
  /** `user:password` for basic auth. */
  basicAuth?: string;
  timeoutMs: number;
  /** Largest response body read; a larger answer fails the read instead of filling memory. */
  maxBytes: number;
}

/** A failed read from the metrics backend: 504 when it timed out, else 502, with the backend's own message. */
export class BackendError extends ApiError {
  constructor(status: 502 | 504, message: string) {
    super(status, message);
  }
}

type Params = Record<string, string | number | string[] | undefined>;

/** One matrix or vector element of a Prometheus query answer. */
export interface PromSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  value?: [number, string];
}

/**
 * A small client of the Prometheus HTTP API (the subset Prometheus, VictoriaMetrics, Thanos and
 * Mimir share): every request has a timeout and a body limit, and every failure names the backend
 * and says what it said.
 */
export class PromClient {
  constructor(readonly options: PromClientOptions) {}

  /** GET (or POST form, for long queries) `path` and answer the envelope's `data`. */
  async call<T>(path: string, params: Params = {}, method: "GET" | "POST" = "GET"): Promise<T> {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) form.append(key, String(v));
    }
    const url = `${this.options.url}${path}${method === "GET" && form.size > 0 ? `?${form}` : ""}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (this.options.bearer) headers.authorization = `Bearer ${this.options.bearer}`;
    else if (this.options.basicAuth) headers.authorization = `Basic ${Buffer.from(this.options.basicAuth).toString("base64")}`;
    if (method === "POST") headers["content-type"] = "application/x-www-form-urlencoded";
    const where = `metrics backend ${this.options.url}`;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let text: string;
    let status: number;
    try {
      const res = await fetch(url, { method, headers, body: method === "POST" ? form.toString() : undefined, signal });
      status = res.status;
      text = await readBounded(res, this.options.maxBytes, where);
    } catch (error) {
      if (error instanceof BackendError) throw error;
      if (signal.aborted) throw new BackendError(504, `${where} did not answer ${path} within ${this.options.timeoutMs} ms`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new BackendError(502, `${where} is unreachable: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
    }
    let body: { status?: string; data?: T; error?: string; errorType?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new BackendError(502, `${where} answered ${path} with HTTP ${status} and no JSON: ${text.slice(0, 200)}`);
    }
    if (status >= 400 || body.status !== "success") {
      const said = body.error ?? text.slice(0, 200);
      throw new BackendError(502, `${where} answered ${path} with HTTP ${status}: ${said}`);
    }
    return body.data as T;
  }

  /** A range query (`/api/v1/query_range`), times in ms, step in ms. */
  queryRange(query: string, from: number, to: number, stepMs: number): Promise<PromSeries[]> {
    const params = { query, start: from / 1000, end: to / 1000, step: `${stepMs / 1000}s` };
    return this.call<{ result: PromSeries[] }>("/api/v1/query_range", params, "POST").then((d) => d.result);
  }

  /** An instant query (`/api/v1/query`) at `time` (ms): a vector, or a matrix of raw samples for `x[range]`. */
  query(query: string, time: number): Promise<PromSeries[]> {
    return this.call<{ result: PromSeries[] }>("/api/v1/query", { query, time: time / 1000 }, "POST").then((d) => d.result);
  }
}

/** The body as text, or a 502 once it passes `maxBytes` (the rest is not read). */
async function readBounded(res: Response, maxBytes: number, where: string): Promise<string> {
  const body = await readWithin(res.body, maxBytes, async () => {
    throw new BackendError(502, `${where} answered with more than ${maxBytes} bytes; narrow the query (a shorter range, fewer series)`);
  });
  return new TextDecoder().decode(body);
}
