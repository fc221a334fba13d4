import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

// The Graphite read API and Grafana's annotation read, against the built app (`npx next build`
// first), with the requests Grafana's Graphite data source sends reproduced as it builds them
// (grafana/grafana public/app/plugins/datasource/graphite/datasource.ts):
// - query(): POST /render, Content-Type application/x-www-form-urlencoded, body
//   `target=<encoded>&…&from=…&until=…&format=json&maxDataPoints=<n>` (buildGraphiteParams;
//   translateTime turns `now-2h` into `-2h`, `now-5m` into `-5min`, absolute times into epoch
//   seconds). Current versions wrap each target as `aliasSub(<target>, "(^.*$)", "\1 <refId>")`
//   and take the refId back from the last space-separated word of each series' `target`;
// - metricFindQuery() in current versions: POST /metrics/find with the form body `query=<query>`;
// - annotationQuery() with tags: GET /events/get_data?from=-6h&until=now&tags=<tags>, reading
//   `when` (seconds), `what`, `tags`, `data` of each event;
// - metricFindQuery() and testDatasource(): GET /metrics/find?query=*, reading `text` and `expandable`.
// Expected shapes: graphite-web docs/render_api.rst (format=json), docs/metrics_api.rst and
// metrics/views.py tree_json (treejson), docs/events.rst and events/models.py as_dict;
// Grafana docs/sources/developers/http_api/annotations.md for GET /api/annotations.
let server: TestServer;
const now = Date.now();
// One hour of 1-minute points ending half an hour ago, on minute boundaries: value i at minute i.
const t0 = Math.floor((now - 90 * 60_000) / 60_000) * 60_000;
const minutes = Array.from({ length: 60 }, (_, i) => i);

beforeAll(async () => {
  server = await startTestServer();
  const series = [
    { metric: "gtest.web.a.requests", points: minutes.map((i) => [t0 + i * 60_000, i]) },
    { metric: "gtest.web.b.requests", points: minutes.map((i) => [t0 + i * 60_000, 100]) },
    { metric: "gtest.db.latency", points: [[t0, 5]] },
  ];
  expect((await server.api("/api/v1/metrics", { method: "POST", json: { series } })).status).toBe(202);
  const deploy = (body: object) => server.api("/api/v1/deployments", { method: "POST", json: { service: "gtest", strategy: "all-at-once", ...body } });
  expect((await deploy({ environment: "prod", version: "1.0.0", startedAt: t0 + 10 * 60_000, author: "ana", commit: "abc123" })).status).toBe(201);
  expect((await deploy({ environment: "test", version: "1.1.0", startedAt: t0 + 20 * 60_000 })).status).toBe(201);
  expect((await deploy({ environment: "prod", version: "1.1.0", startedAt: t0 + 30 * 60_000 })).status).toBe(201);
  expect((await deploy({ environment: "prod", version: "1.0.0", kind: "rollback", startedAt: t0 + 40 * 60_000 })).status).toBe(201);
});
afterAll(async () => server?.stop());

/** Grafana's render request: targets first, then the options, form-encoded. */
const grafanaRender = (targets: string[], options: { from?: string; until?: string; maxDataPoints?: number } = {}) => {
  const params = targets.map((t) => `target=${encodeURIComponent(t)}`);
  for (const [key, value] of Object.entries({ from: options.from ?? "-2h", until: options.until ?? "now", format: "json", maxDataPoints: options.maxDataPoints ?? 120 })) params.push(`${key}=${encodeURIComponent(String(value))}`);
  return fetch(`${server.url}/render`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: params.join("&") });
};

type Rendered = { target: string; tags: { name: string }; datapoints: [number | null, number][] }[];
const valueAt = (series: Rendered[number], ms: number) => series.datapoints.find(([, ts]) => ts === ms / 1000)?.[0];

describe("GET and POST /render", () => {
  it("answers the request current Grafana sends: targets wrapped in aliasSub with their refId, epoch-second range", async () => {
    const from = Math.floor(t0 / 1000) - 1;
    const targets = { A: "gtest.web.a.requests", B: "sumSeries(gtest.web.*.requests)" };
    const body = [
      ...Object.entries(targets).map(([refId, target]) => `target=${encodeURIComponent(`aliasSub(${target}, "(^.*$)", "\\1 ${refId}")`)}`),
      `from=${from}`,
      `until=${from + 3601}`,
      "format=json",
      "maxDataPoints=1200",
    ].join("&");
    const res = await fetch(`${server.url}/render`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    expect(res.status).toBe(200);
    const series = (await res.json()) as Rendered;
    // What Grafana's convertResponseToDataFrames does with each answer.
    const byRefId = Object.fromEntries(series.map((s) => [s.target.split(" ").pop(), s.target.split(" ").slice(0, -1).join(" ")]));
    expect(byRefId).toEqual({ A: "gtest.web.a.requests", B: "sumSeries(gtest.web.*.requests)" });
    expect(valueAt(series[1], t0 + 7 * 60_000)).toBe(107);
  });

  it("answers Grafana's form POST with [{target, datapoints: [[value, seconds]]}], a point a minute and nulls where nothing was stored", async () => {
    const res = await grafanaRender(["gtest.web.a.requests"]);
    expect(res.status).toBe(200);
    const [series] = (await res.json()) as Rendered;
    expect(series.target).toBe("gtest.web.a.requests");
    expect(series.tags).toEqual({ name: "gtest.web.a.requests" });
    const times = series.datapoints.map(([, ts]) => ts);
    expect(times.every((ts, i) => i === 0 || ts - times[i - 1] === 60)).toBe(true);
    expect(series.datapoints).toHaveLength(120);
    expect(valueAt(series, t0)).toBe(0);
    expect(valueAt(series, t0 + 42 * 60_000)).toBe(42);
    expect(valueAt(series, t0 + 70 * 60_000)).toBeNull();
  });

  it("takes GET with repeated targets, epoch-second times and HH:MM_YYYYMMDD", async () => {
    const from = Math.floor(t0 / 1000);
    const until = from + 3600;
    const res = await fetch(`${server.url}/render?target=gtest.web.a.requests&target=gtest.db.latency&from=${from}&until=${until}&format=json&maxDataPoints=60`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Rendered;
    expect(body.map((s) => s.target)).toEqual(["gtest.web.a.requests", "gtest.db.latency"]);
    // graphite-web's `from` is exclusive: the first value is the interval after it, the last the one holding `until`.
    expect(body[0].datapoints.slice(0, 3)).toEqual([[1, from + 60], [2, from + 120], [3, from + 180]]);
    expect(body[0].datapoints).toHaveLength(60);
    expect(body[0].datapoints.at(-1)).toEqual([null, until]);
    const d = new Date(t0);
    const hhmm = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}_${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, "0")}${String(d.getUTCDate()).padStart(2, "0")}`;
    const absolute = (await (await fetch(`${server.url}/render?target=gtest.web.a.requests&from=${hhmm}&until=${until}&maxDataPoints=60`)).json()) as Rendered;
    expect(absolute[0].datapoints[0]).toEqual([1, from + 60]);
  });

  it("evaluates nested functions over globs with graphite-web's names", async () => {
    const res = await grafanaRender([
      "sumSeries(gtest.web.*.requests)",
      "aliasByNode(gtest.web.*.requests, 2)",
      "alias(scale(averageSeries(gtest.web.{a,b}.requests), 2), 'twice the mean')",
      'summarize(gtest.web.a.requests, "10min", "sum")',
      "movingAverage(gtest.web.a.requests, 3)",
    ]);
    expect(res.status).toBe(200);
    const [sum, a, b, twice, summarized, moving] = (await res.json()) as Rendered;
    expect([sum.target, a.target, b.target, twice.target, summarized.target, moving.target]).toEqual([
      "sumSeries(gtest.web.*.requests)",
      "a",
      "b",
      "twice the mean",
      'summarize(gtest.web.a.requests, "10min", "sum")',
      "movingAverage(gtest.web.a.requests,3)",
    ]);
    expect([sum.tags.name, a.tags.name, twice.tags.name]).toEqual(["sumSeries(gtest.web.*.requests)", "gtest.web.a.requests", "averageSeries(gtest.web.{a,b}.requests)"]);
    expect(valueAt(sum, t0 + 5 * 60_000)).toBe(105);
    expect(valueAt(twice, t0 + 5 * 60_000)).toBe(105);
    // t0 is a whole minute; the 10-minute bucket holding minute 5 of the data sums the minutes in it.
    const bucket = Math.floor((t0 + 5 * 60_000) / 600_000) * 600_000;
    const inBucket = minutes.filter((i) => t0 + i * 60_000 >= bucket && t0 + i * 60_000 < bucket + 600_000);
    expect(valueAt(summarized, bucket)).toBe(inBucket.reduce((x, y) => x + y, 0));
    expect(summarized.datapoints[1][1] - summarized.datapoints[0][1]).toBe(600);
    expect(valueAt(moving, t0 + 10 * 60_000)).toBe(9);
    expect(valueAt(moving, t0 + 1 * 60_000)).toBe(0.5);
  });

  it("answers 400 with a clear message on bad targets, times and limits", async () => {
    const cases: [string[], { from?: string; maxDataPoints?: number }, RegExp][] = [
      [["sumSeries(gtest.web.*.requests"], {}, /target 1 is not a valid Graphite expression: missing "\)" to close sumSeries\(/],
      [["nosuch(gtest.web.a.requests)"], {}, /unknown function nosuch/],
      [["scale(gtest.web.a.requests, 'x')"], {}, /scale: factor must be a number/],
      [["f(".repeat(30) + "a" + ")".repeat(30)], {}, /nested deeper than 16/],
      [["gtest.web.[z-a].requests"], {}, /invalid glob/],
      [["gtest.web.a.requests"], { from: "yesterdayish" }, /from="yesterdayish" is not a Graphite time/],
      [["gtest.web.a.requests"], { maxDataPoints: 0 }, /maxDataPoints must be a positive integer/],
    ];
    for (const [targets, options, message] of cases) {
      const res = await grafanaRender(targets, options);
      expect(res.status, targets[0]).toBe(400);
      expect((await res.json()).error).toMatch(message);
    }
    const many = await fetch(`${server.url}/render?${Array.from({ length: 40 }, (_, i) => `target=m${i}`).join("&")}`);
    expect(many.status).toBe(400);
  });
});

describe("GET /metrics/find and /metrics/expand", () => {
  it("answers Grafana's test query and browsing in treejson: branches, then leaves, ids from the query's base path", async () => {
    const root = await (await fetch(`${server.url}/metrics/find?query=*`)).json();
    expect(root).toContainEqual({ text: "gtest", id: "gtest", allowChildren: 1, expandable: 1, leaf: 0 });
    const from = Math.floor(t0 / 1000);
    const web = await (await fetch(`${server.url}/metrics/find?query=gtest.*&from=${from}&until=${from + 3600}`)).json();
    expect(web).toEqual([
      { text: "db", id: "gtest.db", allowChildren: 1, expandable: 1, leaf: 0 },
      { text: "web", id: "gtest.web", allowChildren: 1, expandable: 1, leaf: 0 },
    ]);
    expect(await (await fetch(`${server.url}/metrics/find?query=gtest.db.*`)).json()).toEqual([{ text: "latency", id: "gtest.db.latency", allowChildren: 0, expandable: 0, leaf: 1 }]);
    expect(await (await fetch(`${server.url}/metrics/find?query=gtest.web.*.requests`)).json()).toEqual([{ text: "requests", id: "gtest.web.*.requests", allowChildren: 0, expandable: 0, leaf: 1 }]);
    expect((await fetch(`${server.url}/metrics/find?query=`)).status).toBe(400);
    expect((await fetch(`${server.url}/metrics/find`)).status).toBe(400);
  });

  it("answers current Grafana's form POST of the query", async () => {
    const res = await fetch(`${server.url}/metrics/find?from=-6h&until=now`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "query=gtest.web.*" });
    expect(await res.json()).toEqual([
      { text: "a", id: "gtest.web.a", allowChildren: 1, expandable: 1, leaf: 0 },
      { text: "b", id: "gtest.web.b", allowChildren: 1, expandable: 1, leaf: 0 },
    ]);
  });

  it("expands a query to its paths, flat or grouped", async () => {
    expect(await (await fetch(`${server.url}/metrics/expand?query=gtest.web.*.requests`)).json()).toEqual({ results: ["gtest.web.a.requests", "gtest.web.b.requests"] });
    expect(await (await fetch(`${server.url}/metrics/expand?query=gtest.*&query=gtest.db.*&groupByExpr=1&leavesOnly=1`)).json()).toEqual({ results: { "gtest.*": [], "gtest.db.*": ["gtest.db.latency"] } });
  });
});

describe("GET /events/get_data", () => {
  type Event = { when: number; what: string; tags: string[]; data: string; id: number };
  const events = async (query: string) => {
    const res = await fetch(`${server.url}/events/get_data?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as Event[]).filter((e) => e.tags.includes("gtest"));
  };

  it("lists deploys in graphite-web's event shape, oldest first, `when` in seconds", async () => {
    const all = await events("from=-6h&until=now");
    expect(all.map((e) => [e.when, e.tags[0]])).toEqual([
      [(t0 + 10 * 60_000) / 1000, "deploy"],
      [(t0 + 20 * 60_000) / 1000, "deploy"],
      [(t0 + 30 * 60_000) / 1000, "deploy"],
      [(t0 + 40 * 60_000) / 1000, "rollback"],
    ]);
    expect(all[0]).toEqual({
      when: (t0 + 10 * 60_000) / 1000,
      what: "gtest 1.0.0 to prod",
      tags: expect.arrayContaining(["deploy", "gtest", "service:gtest", "prod", "env:prod", "version:1.0.0"]),
      data: expect.stringContaining("commit abc123 · by ana"),
      id: expect.any(Number),
    });
  });

  it("matches tags as graphite-web does: all of them by default and with set=intersection, any with set=union", async () => {
    expect((await events("from=-6h&until=now&tags=rollback")).map((e) => e.what)).toEqual(["rollback of gtest to 1.0.0 in prod"]);
    expect((await events("from=-6h&until=now&tags=deploy%20gtest%20prod")).length).toBe(2);
    expect((await events("from=-6h&until=now&tags=deploy%20gtest%20test&set=intersection")).length).toBe(1);
    expect((await events("from=-6h&until=now&tags=rollback%20test&set=union")).length).toBe(2);
    expect((await events(`from=${Math.floor(t0 / 1000) + 25 * 60}&until=now&tags=gtest`)).length).toBe(2);
    expect((await fetch(`${server.url}/events/get_data?from=soon`)).status).toBe(400);
  });
});

describe("GET /api/annotations", () => {
  it("answers in Grafana's annotation shape, newest first, times in ms, with tags (AND, or matchAny) and limit", async () => {
    const res = await fetch(`${server.url}/api/annotations?from=${now - 6 * 3_600_000}&to=${now}&tags=gtest&limit=10`);
    expect(res.status).toBe(200);
    const list = await res.json();
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({ alertId: 0, dashboardUID: "", panelId: 0, time: t0 + 40 * 60_000, timeEnd: t0 + 40 * 60_000, metric: "", data: { kind: "rollback", service: "gtest" } });
    expect(list[0].tags).toEqual(expect.arrayContaining(["rollback", "gtest", "env:prod"]));
    expect(typeof list[0].id).toBe("number");
    expect(list[0].text).toMatch(/rollback of gtest to 1.0.0 in prod/);
    expect(await (await fetch(`${server.url}/api/annotations?tags=gtest&tags=test`)).json()).toHaveLength(1);
    expect(await (await fetch(`${server.url}/api/annotations?tags=gtest&tags=test&matchAny=true&limit=2`)).json()).toHaveLength(2);
    expect(await (await fetch(`${server.url}/api/annotations?type=alert`)).json()).toEqual([]);
    expect((await fetch(`${server.url}/api/annotations?limit=-1`)).status).toBe(400);
    expect((await fetch(`${server.url}/api/annotations?from=1e300`)).status).toBe(400);
  });
});
