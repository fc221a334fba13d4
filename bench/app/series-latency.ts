import { quantile } from "@/lib/stats/quantile";
import type { TestServer } from "@/lib/testing/server";
import { jsonBatches, postBatches } from "./http-ingest";
import type { Progress } from "./progress";

const DAY = 86_400_000;
export const QUERY_RANGES = { "1d": DAY, "30d": 30 * DAY, "1y": 365 * DAY } as const;
export type QueryRange = keyof typeof QUERY_RANGES;

export interface Latency {
  /** Time in the store as the route reports it (Server-Timing `store`). */
  serverP50Ms: number;
  serverP95Ms: number;
  /** Whole HTTP round trip from the bench client, JSON parsing included. */
  clientP50Ms: number;
  clientP95Ms: number;
  resolution: string;
  points: number;
}

/** The bench's year of points for one metric, every `stepMs` up to now, as the JSON bodies that seed it. */
export interface YearOfPoints {
  metric: string;
  start: number;
  end: number;
  stepMs: number;
  total: number;
  bodies: string[];
}

/** One metric with a year of points every `stepMs`, ending at the last whole step before now. */
export function yearOfPoints(stepMs: number): YearOfPoints {
  const total = Math.floor(QUERY_RANGES["1y"] / stepMs);
  const end = Math.floor(Date.now() / stepMs) * stepMs;
  const start = end - (total - 1) * stepMs;
  return { metric: "bench.query.m00", start, end, stepMs, total, bodies: jsonBatches({ prefix: "bench.query.m", metrics: 1, total, start, stepMs }) };
}

/** Seeds one metric with a year of points every `stepMs` through HTTP batches; returns its name and last timestamp. */
export async function seedYear(server: TestServer, stepMs: number, progress: Progress, year = yearOfPoints(stepMs)): Promise<{ metric: string; end: number; points: number }> {
  const stored = await postBatches(server, year.bodies, progress);
  return { metric: year.metric, end: year.end, points: stored };
}

/** p50/p95 of `runs` series reads of the last `range` at maxPoints=1000, after a few warm-up reads. */
export async function measureSeriesLatency(server: TestServer, metric: string, end: number, range: QueryRange, runs: number): Promise<Latency> {
  const url = `${server.url}/api/v1/series?metric=${metric}&from=${end - QUERY_RANGES[range]}&to=${end}&maxPoints=1000`;
  const serverMs: number[] = [];
  const clientMs: number[] = [];
  let last = { resolution: "", points: 0 };
  for (let i = -3; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as { series: { resolution: string; points: unknown[] }[] };
    const client = performance.now() - started;
    const timing = /store;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "");
    if (!res.ok || !timing || !body.series[0]) throw new Error(`series read ${range} failed (${res.status}): ${JSON.stringify(body).slice(0, 300)}`);
    last = { resolution: body.series[0].resolution, points: body.series[0].points.length };
    if (i < 0) continue;
    serverMs.push(Number(timing[1]));
    clientMs.push(client);
  }
  return {
    serverP50Ms: quantile(serverMs, 0.5)!,
    serverP95Ms: quantile(serverMs, 0.95)!,
    clientP50Ms: quantile(clientMs, 0.5)!,
    clientP95Ms: quantile(clientMs, 0.95)!,
    ...last,
  };
}
