// Issue 17's raw-read case: 30 days of one metric read so that every raw point is touched —
// deploylines' series route asked for as many points as the range holds (so the answer is
// raw, not rollups), beside VictoriaMetrics' avg_over_time over the same 30 days of the same data.
import { seriesQuerySchema } from "@/lib/series/query-schema";
import { peerRuns, startVictoriaMetrics, VICTORIA_METRICS_BIN, type FixtureSeries } from "@/lib/testing/metrics-backends";
import type { TestServer } from "@/lib/testing/server";
import { keepAliveClient, percentiles, type Percentiles, type TimedAnswer } from "./keep-alive-client";
import type { YearOfPoints } from "./series-latency";

const DAY = 86_400_000;
export const RAW_READ_DAYS = 30;
/** The most points one series read may ask for: the route's own bound, so a longer raw read takes several requests. */
const ROUTE_MAX_POINTS = seriesQuerySchema.shape.maxPoints.unwrap().maxValue ?? Number.POSITIVE_INFINITY;
/**
 * Runs of the one-number window reads (the check route, avg_over_time), each a few milliseconds:
 * ten times the runs of a raw read, after ten times its warm-ups, the same for both sides — a
 * handful of samples on a shared machine is mostly noise, and two warm-ups leave a JIT-compiled
 * server's decoder half cold.
 */
export const WINDOW_READ_SCALE = 10;
/** The metric's name in VictoriaMetrics: exposition text wants underscores where deploylines' names have dots. */
const VICTORIA_METRIC = "bench_query_m00";

export interface RawReadFigures {
  /** Raw points the read returned (VictoriaMetrics: that count_over_time reports over the window). */
  points: number;
  /** Requests one read took: the series route answers at most ROUTE_MAX_POINTS points each. */
  requests: number;
  /** The store's time (Server-Timing `store`, summed over the requests), p50/p95 over the runs; VictoriaMetrics' `executionTimeMsec` when it reports one. */
  serverMs: Percentiles | null;
  /** Whole round trips with the JSON parsed, on a keep-alive connection. */
  clientMs: Percentiles;
  runs: number;
}

/** The GETs that read [end - 30 d, end] raw, split at whole steps so no point falls on two slices' shared edge. */
function rawReadUrls(server: TestServer, year: YearOfPoints): { urls: string[]; points: number } {
  const from = year.end - RAW_READ_DAYS * DAY;
  const points = Math.floor((year.end - from) / year.stepMs) + 1;
  const requests = Math.ceil(points / ROUTE_MAX_POINTS);
  const perRequest = Math.ceil(points / requests);
  const urls = Array.from({ length: requests }, (_, k) => {
    const sliceFrom = from + k * perRequest * year.stepMs;
    const sliceTo = Math.min(year.end, sliceFrom + (perRequest - 1) * year.stepMs);
    const maxPoints = (sliceTo - sliceFrom) / year.stepMs + 1;
    return `${server.url}/api/v1/series?${new URLSearchParams({ metric: year.metric, from: String(sliceFrom), to: String(sliceTo), maxPoints: String(maxPoints) })}`;
  });
  return { urls, points };
}

/** p50/p95 of `runs` raw 30-day reads of the seeded metric, after two warm-up reads; fails unless every answer is raw and complete. */
export async function measureRawRead(server: TestServer, year: YearOfPoints, runs: number): Promise<RawReadFigures> {
  const { urls, points } = rawReadUrls(server, year);
  const client = keepAliveClient();
  try {
    const serverMs: number[] = [];
    const clientMs: number[] = [];
    for (let run = -2; run < runs; run++) {
      let storeMs = 0;
      let total = 0;
      let returned = 0;
      for (const url of urls) {
        const answer = await client.get(url);
        const series = (answer.body as { series: { resolution: string; points: unknown[] }[] }).series[0];
        if (series?.resolution !== "raw") throw new Error(`raw read answered ${series?.resolution ?? "no series"} for ${url}`);
        storeMs += answer.serverMs ?? Number.NaN;
        total += answer.clientMs;
        returned += series.points.length;
      }
      if (returned !== points) throw new Error(`raw read returned ${returned} of the ${points} points in ${RAW_READ_DAYS} days`);
      if (run < 0) continue;
      serverMs.push(storeMs);
      clientMs.push(total);
    }
    return { points, requests: urls.length, serverMs: percentiles(serverMs), clientMs: percentiles(clientMs), runs };
  } finally {
    client.close();
  }
}

/** VictoriaMetrics started and holding the bench's year: its avg_over_time URL and the samples the window counts. */
export interface VictoriaYear {
  avgUrl: string;
  points: number;
  stop: () => Promise<void>;
}

/**
 * p50/p95 of `runs` × WINDOW_READ_SCALE 30-day window reads of the seeded metric through the Nagios check route
 * (`agg=avg&window=30d`): one number from every point of the window, as avg_over_time answers.
 * The window ends at the moment of the request, so the points between the year's end-30 d and
 * now-30 d fall out of it; fails unless the check counted every other point. With `peer`,
 * VictoriaMetrics' avg_over_time is asked as often, the two alternating in blocks of
 * WINDOW_READ_SCALE requests, so a noisy spell of a shared machine falls on both sides alike.
 */
export async function measureWindowRead(server: TestServer, year: YearOfPoints, runs: number, peer?: VictoriaYear): Promise<{ check: RawReadFigures; peer?: RawReadFigures }> {
  const url = `${server.url}/api/v1/check?${new URLSearchParams({ metric: year.metric, agg: "avg", window: `${RAW_READ_DAYS}d` })}`;
  const sides = peer ? [url, peer.avgUrl] : [url];
  const clients = sides.map(() => keepAliveClient());
  try {
    const answers: TimedAnswer[][] = sides.map(() => []);
    for (let block = -2; block < runs; block++) {
      for (const [i, side] of sides.entries()) {
        const timed = await clients[i].timed(side, WINDOW_READ_SCALE, 0);
        if (block >= 0) answers[i].push(...timed);
      }
    }
    let least = Infinity;
    for (const answer of answers[0]) {
      const line = String(answer.body);
      const counted = /\((\d+) points?\)/.exec(line);
      if (!line.startsWith("DEPLOYLINES OK") || !counted) throw new Error(`the ${RAW_READ_DAYS}-day check answered: ${line}`);
      least = Math.min(least, Number(counted[1]));
    }
    const expected = Math.floor((year.end - (Date.now() - RAW_READ_DAYS * DAY)) / year.stepMs) + 1;
    if (least < expected) throw new Error(`the ${RAW_READ_DAYS}-day check counted ${least} points where the window held at least ${expected}`);
    const check = { points: least, requests: 1, serverMs: null, clientMs: percentiles(answers[0].map((a) => a.clientMs)), runs: answers[0].length };
    return peer ? { check, peer: victoriaFigures(peer, answers[1]) } : { check };
  } finally {
    for (const client of clients) client.close();
  }
}

/** The seeded year as VictoriaMetrics takes it: the same points, decoded back from the JSON bodies deploylines was sent. */
function victoriaSeries(year: YearOfPoints): FixtureSeries[] {
  return year.bodies.map((body) => {
    const [series] = (JSON.parse(body) as { series: { points: [number, number][] }[] }).series;
    return { name: VICTORIA_METRIC, labels: {}, type: "gauge", points: series.points };
  });
}

type InstantAnswer = { data: { result: { value: [number, string] }[] }; stats?: { executionTimeMsec?: number } };

/**
 * VictoriaMetrics (when installed; null otherwise) started with its result cache off, on a temp
 * data dir, holding the same year of points; `avg_over_time(<metric>[30d])` at the year's last
 * timestamp reads every raw sample of the window.
 */
export async function loadVictoriaYear(year: YearOfPoints, log: (line: string) => void): Promise<VictoriaYear | null> {
  if (!peerRuns(VICTORIA_METRICS_BIN)) return null;
  const backend = await startVictoriaMetrics();
  try {
    log(`writing the same ${year.total.toLocaleString("en")} points into VictoriaMetrics`);
    for (const series of victoriaSeries(year)) await backend.write([series]);
    const query = (promql: string) => `${backend.url}/api/v1/query?query=${encodeURIComponent(promql)}&time=${year.end / 1000}`;
    const counted = (await fetch(query(`count_over_time(${VICTORIA_METRIC}[${RAW_READ_DAYS}d])`)).then((r) => r.json())) as InstantAnswer;
    const points = Number(counted.data.result[0]?.value[1] ?? 0);
    if (points === 0) throw new Error(`VictoriaMetrics holds no points of ${VICTORIA_METRIC} in the last ${RAW_READ_DAYS} days`);
    return { avgUrl: query(`avg_over_time(${VICTORIA_METRIC}[${RAW_READ_DAYS}d])`), points, stop: () => backend.stop() };
  } catch (error) {
    await backend.stop();
    throw error;
  }
}

/** p50/p95 of VictoriaMetrics' `runs` × WINDOW_READ_SCALE avg_over_time reads on its own, after as many warm-ups as the check route gets. */
export async function measureVictoriaRawRead(peer: VictoriaYear, runs: number): Promise<RawReadFigures> {
  const client = keepAliveClient();
  try {
    return victoriaFigures(peer, await client.timed(peer.avgUrl, runs * WINDOW_READ_SCALE, 2 * WINDOW_READ_SCALE));
  } finally {
    client.close();
  }
}

function victoriaFigures(peer: VictoriaYear, answers: TimedAnswer[]): RawReadFigures {
  const executionMs = answers.map((a) => (a.body as InstantAnswer).stats?.executionTimeMsec).filter((ms) => ms !== undefined);
  return {
    points: peer.points,
    requests: 1,
    serverMs: executionMs.length === answers.length ? percentiles(executionMs) : null,
    clientMs: percentiles(answers.map((a) => a.clientMs)),
    runs: answers.length,
  };
}
