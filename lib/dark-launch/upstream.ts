import http from "node:http";
import https from "node:https";
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

/** Collects chunks up to a byte cap; past it, `overflow` is set and the rest is not kept. */
export class BodyCapture {
  private chunks: Buffer[] = [];
  private size = 0;
  overflow = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    if (this.overflow) return;
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      this.overflow = true;
      this.chunks = [];
      return;
    }
    this.chunks.push(chunk);
  }

  body(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

export interface UpstreamCall {
  method: string;
  path: string;
  headers: string[];
  body: Buffer;
  timeoutMs: number;
  maxBytes: number;
}

export type UpstreamResult = ({ ok: true } & CapturedResponse & { ms: number }) | { ok: false; error: string };

/** One buffered request to an upstream, over within `timeoutMs` whatever happens; never rejects. */
export function callUpstream(upstream: Upstream, call: UpstreamCall): Promise<UpstreamResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const finish = (result: UpstreamResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
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
      const capture = new BodyCapture(call.maxBytes);
      res.on("data", (chunk: Buffer) => capture.push(chunk));
      res.on("error", (error) => finish({ ok: false, error: error.message }));
      res.on("end", () => {
        if (capture.overflow) return finish({ ok: false, error: `response body over ${call.maxBytes} bytes` });
        finish({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: capture.body(), ms: performance.now() - started });
      });
    });
    req.end(call.body.length > 0 ? call.body : undefined);
  });
}
