import http from "node:http";
import https from "node:https";
import type { CaptureBudget } from "./capture-budget";
import type { CapturedResponse } from "./compare";

// Hop-by-hop headers describe one connection, not the message, so a proxy must not pass them on (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"]);

/** A backend the proxy talks to, with its own keep-alive pool. */
export interface Upstream {
  url: URL;
  agent: http.Agent;
  request: typeof http.request;
}

/** An upstream at `base` (http or https) with a keep-alive agent of `maxSockets`. */
export function createUpstream(base: string, maxSockets: number): Upstream {
  const url = new URL(base);
  const secure = url.protocol === "https:";
  if (!secure && url.protocol !== "http:") throw new Error(`${base}: only http and https are supported`);
  const options = { keepAlive: true, maxSockets, maxFreeSockets: Math.min(maxSockets, 256), scheduling: "lifo" as const };
  return { url, agent: secure ? new https.Agent(options) : new http.Agent(options), request: secure ? https.request : http.request };
}

/** Request headers to send upstream, as received (order and case kept) less hop-by-hop ones, Host set to the upstream. */
export function upstreamRequestHeaders(rawHeaders: string[], host: string, extra: string[] = []): string[] {
  const out: string[] = ["Host", host];
  const dropped = connectionTokens(rawHeaders);
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (name === "host" || HOP_BY_HOP.has(name) || dropped.has(name)) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out.concat(extra);
}

/** Response headers for the client, as the primary sent them less hop-by-hop ones. */
export function clientResponseHeaders(rawHeaders: string[]): string[] {
  const out: string[] = [];
  const dropped = connectionTokens(rawHeaders);
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || dropped.has(name)) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}

function connectionTokens(rawHeaders: string[]): Set<string> {
  const tokens = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() !== "connection") continue;
    for (const token of rawHeaders[i + 1].split(",")) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}

/**
 * Collects chunks up to a byte cap and within the proxy's shared budget; past either, `overflow`
 * is set, what was held goes back to the budget and the rest is not kept. The holder calls
 * `release()` once done with the body.
 */
export class BodyCapture {
  private chunks: Buffer[] = [];
  private size = 0;
  overflow = false;

  constructor(
    private readonly maxBytes: number,
    private readonly budget?: CaptureBudget,
  ) {}

  push(chunk: Buffer): void {
    if (this.overflow) return;
    if (this.size + chunk.length > this.maxBytes || (this.budget && !this.budget.take(chunk.length))) {
      this.overflow = true;
      this.release();
      return;
    }
    this.size += chunk.length;
    this.chunks.push(chunk);
  }

  /** The body so far, joined once (the chunks are replaced by the joined copy, so it is held once). */
  body(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.size)];
    return this.chunks[0];
  }

  /** Hands the bytes back to the budget and drops the body. */
  release(): void {
    this.budget?.release(this.size);
    this.size = 0;
    this.chunks = [];
  }
}

export interface UpstreamCall {
  method: string;
  path: string;
  headers: string[];
  body: Buffer;
  timeoutMs: number;
  maxBytes: number;
  /** Counts the answer's bytes while they are held; an answer that does not fit is an error. */
  budget?: CaptureBudget;
}

export type UpstreamResult = ({ ok: true } & CapturedResponse & { ms: number; release: () => void }) | { ok: false; error: string };

/**
 * One buffered request to an upstream, over within `timeoutMs` whatever happens; never rejects.
 * A successful result holds its body in the budget until its `release()`.
 */
export function callUpstream(upstream: Upstream, call: UpstreamCall): Promise<UpstreamResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    let capture: BodyCapture | null = null;
    const finish = (result: UpstreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (!result.ok) capture?.release();
      resolve(result);
    };
    const req = upstream.request({
      protocol: upstream.url.protocol,
      hostname: upstream.url.hostname,
      port: upstream.url.port,
      method: call.method,
      path: call.path,
      headers: call.headers,
      agent: upstream.agent,
    });
    const deadline = setTimeout(() => {
      finish({ ok: false, error: `no answer within ${call.timeoutMs} ms` });
      req.destroy();
    }, call.timeoutMs);
    req.on("error", (error: NodeJS.ErrnoException) => finish({ ok: false, error: error.code ?? error.message }));
    req.on("response", (res) => {
      const body = (capture = new BodyCapture(call.maxBytes, call.budget));
      res.on("data", (chunk: Buffer) => {
        body.push(chunk);
        // Stop reading at once rather than download the rest of an answer that is not kept.
        if (body.overflow) req.destroy();
      });
      res.on("error", (error) => finish({ ok: false, error: error.message }));
      res.on("close", () => finish({ ok: false, error: body.overflow ? `response body over ${call.maxBytes} bytes or over the proxy's capture budget` : "connection closed mid-answer" }));
      res.on("end", () => {
        if (body.overflow) return finish({ ok: false, error: `response body over ${call.maxBytes} bytes or over the proxy's capture budget` });
        finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: body.body(), ms: performance.now() - started, release: () => body.release() });
      });
    });
    req.end(call.body.length > 0 ? call.body : undefined);
  });
}
