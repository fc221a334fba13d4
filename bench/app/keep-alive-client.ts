import http from "node:http";
import { quantile } from "@/lib/stats/quantile";

/** One timed GET: the whole round trip with the body parsed (JSON) or read (text), and the server's own `store` time when it reports one. */
export interface TimedAnswer {
  clientMs: number;
  serverMs: number | null;
  body: unknown;
}

/** p50/p95 (type 7) of a set of timings, in ms. */
export interface Percentiles {
  p50: number;
  p95: number;
}

export const percentiles = (ms: number[]): Percentiles => ({ p50: quantile(ms, 0.5)!, p95: quantile(ms, 0.95)! });

/**
 * GETs over one reused connection (node:http with keep-alive, one socket), so every timed
 * request pays neither a TCP handshake nor fetch's own per-request machinery: what is left is
 * the server's floor.
 */
export function keepAliveClient(headers: Record<string, string> = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string): Promise<TimedAnswer> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.get(url, { agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) return reject(new Error(`GET ${url} answered ${res.statusCode}: ${text.slice(0, 300)}`));
          // JSON parsed; anything else (a Nagios plugin line) as text.
          const body: unknown = /json/.test(String(res.headers["content-type"])) ? JSON.parse(text) : text;
          const timing = /store;dur=([\d.]+)/.exec(String(res.headers["server-timing"] ?? ""));
          resolve({ clientMs: performance.now() - started, serverMs: timing ? Number(timing[1]) : null, body });
        });
        res.on("error", reject);
      });
      req.on("error", reject);
    });
  /** `warmUps` untimed requests, then `runs` timed ones, one after another. */
  const timed = async (url: string, runs: number, warmUps: number): Promise<TimedAnswer[]> => {
    for (let i = 0; i < warmUps; i++) await get(url);
    const answers: TimedAnswer[] = [];
    for (let i = 0; i < runs; i++) answers.push(await get(url));
    return answers;
  };
  return { get, timed, close: () => agent.destroy() };
}
