import http from "node:http";
import type { TestServer } from "@/lib/testing/server";

/** What the server answered an oversized upload, and how much of it the client got to send. */
export interface UploadAnswer {
  /** The HTTP status, or 0 when the server closed the connection before its answer could be read. */
  status: number;
  body: string;
  bytesSent: number;
}

/**
 * Streams `totalBytes` of `fill` to the server (chunked unless `contentLength` is given) and
 * stops sending as soon as an answer arrives, as a client would that reads while it writes.
 */
export function upload(url: string, pathname: string, options: { method?: string; headers?: Record<string, string>; totalBytes: number; contentLength?: number; fill?: string }): Promise<UploadAnswer> {
  const chunk = Buffer.alloc(64 * 1024, options.fill ?? "a");
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const headers: Record<string, string> = { ...options.headers };
    if (options.contentLength !== undefined) headers["content-length"] = String(options.contentLength);
    // A connection of its own: one the server cut short must not be reused by the next request.
    const req = http.request(`${url}${pathname}`, { method: options.method ?? "POST", headers, agent: false }, (res) => {
      answered = true;
      let body = "";
      const done = () => {
        resolve({ status: res.statusCode ?? 0, body, bytesSent });
        req.destroy();
      };
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", done);
      // The server closes a connection it stopped reading; the short JSON answer came before that.
      res.on("error", done);
      res.on("aborted", done);
    });
    // The server may close the connection on us once it has answered: that is the point.
    // Closing while we still write can surface as EPIPE/ECONNRESET before the answer is parsed: the
    // server stopped the upload all the same, which is what the callers check (bytesSent).
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (answered) return;
      if (error.code === "EPIPE" || error.code === "ECONNRESET") resolve({ status: 0, body: "", bytesSent });
      else reject(error);
    });
    const pump = () => {
      while (!answered && bytesSent < options.totalBytes) {
        bytesSent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Names `${prefix}${i}` for i < count, written in batches of one point each at `ts`. */
export async function seedMetrics(server: TestServer, names: string[], ts: number): Promise<void> {
  for (let i = 0; i < names.length; i += 5000) {
    const series = names.slice(i, i + 5000).map((metric) => ({ metric, points: [[ts, 1]] }));
    const res = await server.api("/api/v1/metrics", { method: "POST", json: { series } });
    if (res.status !== 202) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
}

/** Posts small batches every few ms while `during` runs; answers what was acknowledged, to check that none is lost. */
export async function ingestWhile<T>(server: TestServer, metric: string, during: Promise<T>): Promise<{ result: T; acknowledged: number[]; slowestMs: number }> {
  const acknowledged: number[] = [];
  let slowestMs = 0;
  let done = false;
  const base = Date.now() - 3_600_000;
  const writing = (async () => {
    for (let i = 0; !done; i++) {
      const started = performance.now();
      const res = await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric, points: [[base + i * 1000, i]] }] } });
      await res.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      if (res.status === 202) acknowledged.push(base + i * 1000);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    return { result: await during, acknowledged, slowestMs };
  } finally {
    done = true;
    await writing;
  }
}

/** Timestamps stored for `metric` (raw), to compare with what was acknowledged. */
export async function storedTimestamps(server: TestServer, metric: string): Promise<number[]> {
  const res = await fetch(`${server.url}/api/v1/series?metric=${metric}&from=-2h&to=now&maxPoints=100000`);
  const [series] = (await res.json()).series;
  return (series?.points ?? []).map(([ts]: [number, number]) => ts);
}
