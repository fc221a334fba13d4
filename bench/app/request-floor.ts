// Issue 17's request floor: what a request costs when the database does (almost) nothing —
// `GET /api/v1/health`, which touches no database, and the 30-day series read at 1,000 points,
// which reads precomputed rollups — timed from a keep-alive client after a warm-up.
import type { TestServer } from "@/lib/testing/server";
import { keepAliveClient, percentiles, type Percentiles } from "./keep-alive-client";
import { QUERY_RANGES } from "./series-latency";
import { bound, ISSUE_17, verdict, type Target } from "./targets";

export interface RequestFloorFigures {
  /** Client round trips of GET /api/v1/health (a lean route: see lib/server/lean-routes.ts). */
  healthMs: Percentiles;
  /** The same under `next start`, through Next.js' router: what the lean route saves. */
  healthNextRouterMs?: Percentiles;
  /** The same through Node's fetch (keep-alive too): what a client with more machinery per request sees. */
  healthFetchMs: Percentiles;
  /** Client round trips of the 30-day series read at maxPoints=1000, JSON parsed. */
  series30dMs: Percentiles;
  /** The store's share of that read (Server-Timing `store`). */
  series30dStoreMs: Percentiles;
  /** What the 30-day read answered: its resolution and point count. */
  series30dAnswer: { resolution: string; points: number };
  runs: number;
  warmUps: number;
}

/** p50/p95 of `runs` health checks, then of `runs` 30-day reads of `metric`, each after `warmUps` untimed requests. */
export async function measureRequestFloor(server: TestServer, metric: string, end: number, runs: number, warmUps: number): Promise<RequestFloorFigures> {
  const client = keepAliveClient();
  try {
    const healthMs = await measureHealth(server, runs, warmUps);
    const healthFetchMs = await fetchTimings(`${server.url}/api/v1/health`, runs, warmUps);
    const url = `${server.url}/api/v1/series?metric=${metric}&from=${end - QUERY_RANGES["30d"]}&to=${end}&maxPoints=1000`;
    const reads = await client.timed(url, runs, warmUps);
    const [series] = (reads[0].body as { series: { resolution: string; points: unknown[] }[] }).series;
    return {
      healthMs,
      healthFetchMs: percentiles(healthFetchMs),
      series30dMs: percentiles(reads.map((a) => a.clientMs)),
      series30dStoreMs: percentiles(reads.map((a) => a.serverMs ?? Number.NaN)),
      series30dAnswer: { resolution: series.resolution, points: series.points.length },
      runs,
      warmUps,
    };
  } finally {
    client.close();
  }
}

/** p50/p95 of `runs` health checks on one keep-alive connection, after `warmUps` untimed ones. */
export async function measureHealth(server: TestServer, runs: number, warmUps: number): Promise<Percentiles> {
  const client = keepAliveClient();
  try {
    return percentiles((await client.timed(`${server.url}/api/v1/health`, runs, warmUps)).map((a) => a.clientMs));
  } finally {
    client.close();
  }
}

async function fetchTimings(url: string, runs: number, warmUps: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = -warmUps; i < runs; i++) {
    const started = performance.now();
    const res = await fetch(url);
    await res.json();
    if (i >= 0) ms.push(performance.now() - started);
  }
  return ms;
}

/** The floor beside its targets. */
export function requestFloorLines(f: RequestFloorFigures): string {
  const row = (label: string, p: Percentiles, target: Target) => `| ${label} | ${verdict(p.p50.toFixed(2), p.p50, target)} | ${p.p95.toFixed(2)} | ${bound(target)} |`;
  return [
    `| request floor, keep-alive client, ${f.runs} runs after ${f.warmUps} warm-ups | p50 ms | p95 ms | target p50 |`,
    "|---|---|---|---|",
    row("GET /api/v1/health (no database)", f.healthMs, ISSUE_17.healthP50Ms),
    `| the same through Node's fetch (no target: the client's own cost) | ${f.healthFetchMs.p50.toFixed(2)} | ${f.healthFetchMs.p95.toFixed(2)} | |`,
    ...(f.healthNextRouterMs ? [`| the same under \`next start\`, through Next.js' router (no target: what the lean route saves) | ${f.healthNextRouterMs.p50.toFixed(2)} | ${f.healthNextRouterMs.p95.toFixed(2)} | |`] : []),
    row(`30-day series read at maxPoints=1000 on SQLite (${f.series30dAnswer.points} points from ${f.series30dAnswer.resolution}; store p50 ${f.series30dStoreMs.p50.toFixed(2)} ms)`, f.series30dMs, ISSUE_17.series30dClientP50Ms),
  ].join("\n");
}
