import type { FixtureSeries } from "./metrics-backends";

const SCRAPE_MS = 15_000;
/** Observations per scrape per bucket bound, cumulative: p50 in the first bucket, p95 at 0.5 s. */
const BUCKETS: [string, number][] = [
  ["0.1", 50],
  ["0.25", 80],
  ["0.5", 95],
  ["1", 100],
  ["+Inf", 100],
];

/**
 * The same metrics for every source under test: the `auth` service's request counters (10/s on
 * /login, 5/s on /token), a latency histogram, a latency gauge that doubles at `deployAt`
 * (100 → 200 ms), and an unlabelled queue depth of 7 — one sample every 15 s over [from, to].
 */
export function authFixture(from: number, to: number, deployAt: number): FixtureSeries[] {
  const start = Math.ceil(from / SCRAPE_MS) * SCRAPE_MS;
  const times: number[] = [];
  for (let ts = start; ts <= to; ts += SCRAPE_MS) times.push(ts);
  const service = { service: "auth" };
  const counter = (route: string, perSecond: number): FixtureSeries => ({
    name: "http_requests_total",
    labels: { ...service, route },
    type: "counter",
    points: times.map((ts, i) => [ts, i * perSecond * (SCRAPE_MS / 1000)]),
  });
  const buckets = BUCKETS.map(([le, perScrape]): FixtureSeries => ({
    name: "http_request_duration_seconds_bucket",
    labels: { ...service, route: "/login", le },
    type: "histogram",
    points: times.map((ts, i) => [ts, i * perScrape]),
  }));
  return [
    counter("/login", 10),
    counter("/token", 5),
    ...buckets,
    { name: "http_request_duration_seconds_count", labels: { ...service, route: "/login" }, type: "histogram", points: times.map((ts, i) => [ts, i * 100]) },
    { name: "auth_latency_ms", labels: service, type: "gauge", points: times.map((ts) => [ts, ts < deployAt ? 100 : 200]) },
    { name: "auth_queue_depth", labels: {}, type: "gauge", points: times.map((ts) => [ts, 7]) },
  ];
}
