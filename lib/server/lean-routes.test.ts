import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFF_THREAD_PARSE_MIN_BYTES } from "@/lib/ingest/parse-off-thread";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { leanRoute } from "./lean-routes";

describe("leanRoute", () => {
  it("takes a listed method and path only, whatever its query", () => {
    expect(leanRoute("GET", "/api/v1/health")).toBeDefined();
    expect(leanRoute("GET", "/api/v1/check?metric=a.b&window=5m")).toBeDefined();
    expect(leanRoute("GET", "/api/v1/check/drift?service=auth")).toBeDefined();
    for (const url of ["/api/v1/metrics", "/api/v1/write", "/api/v1/import/prometheus", "/api/v2/write?db=x", "/v1/metrics"]) expect(leanRoute("POST", url), url).toBeDefined();
    for (const [method, url] of [
      ["POST", "/api/v1/check"],
      ["GET", "/api/v1/metrics?match=*"],
      ["PUT", "/api/v1/metrics"],
      ["POST", "/api/v1/metrics/"],
      ["HEAD", "/api/v1/health"],
      ["GET", "/api/v1/check/"],
      ["GET", "/api/v1/checks"],
      ["GET", "/api/v1/check/unknown"],
      ["GET", "http://example.com/api/v1/health"],
      ["GET", "/"],
      [undefined, "/api/v1/health"],
      ["GET", undefined],
    ]) {
      expect(leanRoute(method, url), `${method} ${url}`).toBeUndefined();
    }
  });
});

// The same requests to the app under scripts/serve.mjs (lean) and under `next start` (every
// route through Next.js' router): the answers must not tell them apart.
describe.skipIf(!appIsBuilt)("lean routes beside Next.js' router", () => {
  let lean: TestServer;
  let routed: TestServer;
  beforeAll(async () => {
    [lean, routed] = await Promise.all([startTestServer(), startTestServer({}, { nextStart: true })]);
    const now = Date.now();
    for (const server of [lean, routed]) {
      const points = Array.from({ length: 10 }, (_, i) => [now - 270_000 + i * 30_000, (i + 1) * 10]);
      const metrics = await server.api("/api/v1/metrics", {
        method: "POST",
        json: { series: [{ metric: "leansvc.latency", unit: "ms", points }, { metric: "leansvc.hits", labels: { route: "/a" }, points }, { metric: "leansvc.hits", labels: { route: "/b" }, points }] },
      });
      expect(metrics.status).toBe(202);
      const deploy = await server.api("/api/v1/deployments", { method: "POST", json: { service: "leansvc", environment: "prod", version: "1.0.0", startedAt: "-1h" } });
      expect(deploy.status).toBe(201);
    }
    // Each server's verdict job (every 15 s) judges the deploy on its own clock: until both have,
    // one would answer "verdict pending" and the other "no success criteria".
    await Promise.all([lean, routed].map((server) => deployJudged(server)));
  });
  afterAll(async () => {
    await Promise.all([lean?.stop(), routed?.stop()]);
  });

  const deployJudged = async (server: TestServer) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { deployments } = (await (await server.api("/api/v1/deployments?service=leansvc")).json()) as { deployments: { verdict: { status: string } }[] };
      if (deployments[0]?.verdict.status !== "pending") return;
      if (Date.now() > deadline) throw new Error("the deploy was not judged within 60 s");
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const answer = async (server: TestServer, url: string) => {
    const res = await fetch(`${server.url}${url}`);
    const headers = ["content-type", "cache-control", "x-nagios-state", "x-nagios-exit-code"].map((name) => `${name}: ${res.headers.get(name)}`);
    // Ages and times differ between two servers asked a moment apart; every number is masked.
    return { status: res.status, headers, body: (await res.text()).replace(/\d+(\.\d+)?/g, "N") };
  };

  it.each([
    "/api/v1/check?metric=leansvc.latency&agg=avg&window=5m",
    "/api/v1/check?metric=leansvc.latency&agg=max&window=5m&warning=50&critical=90",
    "/api/v1/check?metric=leansvc.latency&agg=p95&window=5m&warning=95",
    "/api/v1/check?metric=leansvc.hits",
    '/api/v1/check?metric=leansvc.hits{route="/a"}&agg=sum',
    "/api/v1/check?metric=leansvc.nothing",
    "/api/v1/check?metric=leansvc.latency&agg=median",
    "/api/v1/check?metric=leansvc.latency&window=40d",
    "/api/v1/check",
    "/api/v1/check/deployment?service=leansvc&environment=prod",
    "/api/v1/check/deployment?service=nosuch&environment=prod",
    "/api/v1/check/dark-launch?service=leansvc",
    "/api/v1/check/drift?service=leansvc&environment=prod",
    "/api/v1/check/drift",
  ])("GET %s", async (url) => {
    const [fromLean, fromRouter] = await Promise.all([answer(lean, url), answer(routed, url)]);
    expect(fromLean).toEqual(fromRouter);
  });

  // The same bodies to both servers: each answer (status, type, body) as Next.js' router gives it.
  const posted = async (server: TestServer, url: string, init: { body: BodyInit; type: string; encoding?: string; token?: string | null }) => {
    const headers: Record<string, string> = { "content-type": init.type };
    if (init.encoding) headers["content-encoding"] = init.encoding;
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? server.token}`;
    const res = await fetch(`${server.url}${url}`, { method: "POST", headers, body: init.body });
    return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
  };
  const json = (value: unknown) => JSON.stringify(value);
  const now = Date.now();
  it.each([
    ["/api/v1/metrics", { body: json({ series: [{ metric: "leansvc.posted", points: [[now, 1]] }] }), type: "application/json" }],
    ["/api/v1/metrics", { body: json({ series: [{ metric: "leansvc.posted", points: [[now, "x"]] }] }), type: "application/json" }],
    ["/api/v1/metrics", { body: "{", type: "application/json" }],
    ["/api/v1/metrics", { body: `leansvc.graphite 4 ${Math.floor(now / 1000)}\nnot a line\n`, type: "text/plain" }],
    ["/api/v1/metrics", { body: `leansvc.graphite 4 ${Math.floor(now / 1000)}\n`, type: "text/plain" }],
    ["/api/v1/metrics", { body: gzipSync(json({ series: [{ metric: "leansvc.gzipped", points: [[now, 2]] }] })), type: "application/json", encoding: "gzip" }],
    ["/api/v1/metrics", { body: "not gzip", type: "application/json", encoding: "gzip" }],
    ["/api/v1/metrics", { body: json({ series: [] }), type: "application/json", token: null }],
    ["/api/v1/metrics", { body: json({ series: [] }), type: "application/json", token: "wrong" }],
    ["/api/v1/write", { body: "not protobuf", type: "application/x-protobuf", encoding: "snappy" }],
    ["/api/v1/import/prometheus", { body: "leansvc_imported 3\n", type: "text/plain" }],
    ["/api/v1/import/prometheus", { body: "leansvc imported\n", type: "text/plain" }],
    ["/api/v2/write?precision=ms", { body: `leansvc_influx value=5 ${now}\n`, type: "text/plain" }],
    ["/v1/metrics", { body: json({ resourceMetrics: [] }), type: "application/json" }],
    ["/v1/metrics", { body: "{}", type: "text/html" }],
  ] as const)("POST %s %#", async (url, init) => {
    const [fromLean, fromRouter] = await Promise.all([posted(lean, url, init), posted(routed, url, init)]);
    expect(fromLean).toEqual(fromRouter);
  });

  it("stores a body that arrives in pieces, slower than it is read", async () => {
    const series = { series: [{ metric: "leansvc.trickled", points: Array.from({ length: 20_000 }, (_, i) => [now - i * 1000, i]) }] };
    const bytes = new TextEncoder().encode(json(series));
    const piece = 64 * 1024;
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (offset >= bytes.length) return controller.close();
        await new Promise((r) => setTimeout(r, 5));
        controller.enqueue(bytes.subarray(offset, offset + piece));
        offset += piece;
      },
    });
    const res = await fetch(`${lean.url}/api/v1/metrics`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${lean.token}` }, body, duplex: "half" } as RequestInit);
    expect([res.status, await res.json()]).toEqual([202, { accepted: true, series: 1, points: 20_000, created: ["leansvc.trickled"] }]);
  });

  it("answers the health check with the same fields", async () => {
    const [fromLean, fromRouter] = await Promise.all([lean, routed].map(async (server) => (await fetch(`${server.url}/api/v1/health`)).json()));
    expect(Object.keys(fromLean).sort()).toEqual(Object.keys(fromRouter).sort());
    expect({ ...fromLean, time: 0, instance: "", jobs: {} }).toEqual({ ...fromRouter, time: 0, instance: "", jobs: {} });
  });

  it("refuses a malformed %-escape in the query with a 400 naming the parameter", async () => {
    const res = await fetch(`${lean.url}/api/v1/check?metric=a%ZZ`);
    expect(res.status).toBe(400);
    expect(await res.text()).toBe("DEPLOYLINES UNKNOWN - invalid query parameters: metric: malformed %-escape in the value\n");
  });

  it("leaves other methods, trailing slashes and pages to Next.js", async () => {
    const post = await fetch(`${lean.url}/api/v1/health`, { method: "POST" });
    expect(post.status).toBe(405);
    const slash = await fetch(`${lean.url}/api/v1/check/`, { redirect: "manual" });
    expect(slash.status).toBe(308);
    const page = await fetch(`${lean.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
  });
});

describe.skipIf(!appIsBuilt)("scripts/serve.mjs", () => {
  const serve = (args: string[], env: Record<string, string> = {}) =>
    spawn(process.execPath, [path.resolve("scripts/serve.mjs"), ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const exit = (child: ReturnType<typeof serve>) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      let output = "";
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      child.on("exit", (code) => resolve({ code, output }));
    });

  it("refuses a bad port or option with a message and exit code 2", async () => {
    for (const args of [["-p", "http"], ["-p", "70000"], ["--verbose"]]) {
      const { code, output } = await exit(serve(args));
      expect(code, args.join(" ")).toBe(2);
      expect(output).toContain("usage: node scripts/serve.mjs [-p PORT] [-H HOSTNAME]");
    }
    const { code, output } = await exit(serve([], { PORT: "-1" }));
    expect(code).toBe(2);
    expect(output).toContain('invalid port "-1"');
  });

  it("says so and exits 1 when its port is taken", async () => {
    const taken = net.createServer().listen(0, "127.0.0.1");
    await once(taken, "listening");
    const { port } = taken.address() as net.AddressInfo;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deploylines-serve-"));
    try {
      const env = { DATABASE_URL: `file:${dir}/deploylines.db`, DEPLOYLINES_TOKEN: "t", DEPLOYLINES_GRAPHITE_PORT: "off", DEPLOYLINES_PICKLE_PORT: "off", DEPLOYLINES_STATSD_PORT: "off" };
      const { code, output } = await exit(serve(["-p", String(port), "-H", "127.0.0.1"], env));
      expect(code).toBe(1);
      expect(output).toContain(`cannot listen on 127.0.0.1, port ${port}: listen EADDRINUSE`);
    } finally {
      taken.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("folds a 30-day check's chunks and parses large ingest bodies with the worker threads Next.js bundled, not through tsx", async () => {
    const chunks = fs.readdirSync(".next/server/chunks");
    expect(chunks.some((name) => name.startsWith("[worker thread]-lib_series_chunks_fold-worker"))).toBe(true);
    expect(chunks.some((name) => name.startsWith("[worker thread]-lib_ingest_parse-worker"))).toBe(true);
    // tsx (a development dependency) compiles the worker only when run from sources: the bundle must not reach for it.
    expect(chunks.filter((name) => name.endsWith(".js") && fs.readFileSync(path.join(".next/server/chunks", name), "utf8").includes("tsx/cjs"))).toEqual([]);
    const server = await startTestServer();
    try {
      // A point an hour for 30 days: 360 sealed 2-hour chunks, folded half on the request's thread and half on the worker.
      const now = Date.now();
      const points = Array.from({ length: 720 }, (_, i) => [now - (720 - i) * 3_600_000 + 60_000, i % 10]);
      expect((await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "folded.m", points }] } })).status).toBe(202);
      const check = await fetch(`${server.url}/api/v1/check?metric=folded.m&agg=avg&window=30d`);
      expect(await check.text()).toMatch(/^DEPLOYLINES OK - folded\.m avg over 30d = 4\.5 \(720 points\)/);
      // Bodies past OFF_THREAD_PARSE_MIN_BYTES go to the parse worker: stored as sent, or refused with the same 400.
      const many = Array.from({ length: 8_000 }, (_, i) => [now - i * 1000, i]);
      expect(JSON.stringify(many).length).toBeGreaterThan(OFF_THREAD_PARSE_MIN_BYTES);
      const big = await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "parsed.m", labels: { route: "/login" }, points: many }] } });
      expect([big.status, await big.json()]).toEqual([202, { accepted: true, series: 1, points: 8_000, created: ['parsed.m{route="/login"}'] }]);
      const bad = await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "parsed.m", points: [...many, [now, "x"]] }] } });
      expect(bad.status).toBe(400);
      expect((await bad.json()).problems).toEqual([{ where: "series[0].points[8000][1]", message: "value must be a finite number" }]);
    } finally {
      await server.stop();
    }
    expect(server.log()).not.toContain("chunk-folding worker");
    expect(server.log()).not.toContain("ingest-parsing worker");
  });

  it.each([
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const)("shuts down on %s and exits %i, as next start does", async (signal, expected) => {
    const server = await startTestServer();
    expect(await server.stop(signal)).toBe(expected);
    expect(server.log()).toContain(`${signal}: closing listeners`);
  });
});
