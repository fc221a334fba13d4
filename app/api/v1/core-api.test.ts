import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const run = promisify(execFile);
const HOUR = 3_600_000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const get = async (pathname: string) => {
  const res = await fetch(`${server.url}${pathname}`);
  return { status: res.status, body: await res.json() };
};

describe("auth on writes", () => {
  it("refuses a missing or wrong token with 401 and stores nothing", async () => {
    const body = JSON.stringify({ series: [{ metric: "authcheck.x", points: [[Date.now(), 1]] }] });
    const none = await fetch(`${server.url}/api/v1/metrics`, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(none.status).toBe(401);
    const wrong = await server.api("/api/v1/metrics", { method: "POST", headers: { authorization: "Bearer nope" }, body, });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatch(/token/);
    expect((await get("/api/v1/metrics?match=authcheck.*")).body.metrics).toEqual([]);
  });

  it("lets reads through without a token", async () => {
    expect((await get("/api/v1/deployments")).status).toBe(200);
  });

  it("accepts the UI session cookie only from a same-origin page", async () => {
    const login = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ token: server.token }),
    });
    expect(login.status).toBe(200);
    const setCookie = login.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toContain(server.token);
    const cookie = setCookie.split(";")[0];
    const write = (origin: string) =>
      fetch(`${server.url}/api/v1/builds`, {
        method: "POST",
        headers: { cookie, origin, "content-type": "application/json" },
        body: JSON.stringify({ service: "cookiesvc", version: "1.0.0" }),
      });
    expect((await write("https://evil.example.com")).status).toBe(403);
    expect((await write(server.url)).status).toBe(201);
    const badLogin = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ token: "wrong" }),
    });
    expect(badLogin.status).toBe(401);
  });
});

describe("ingest", () => {
  it("accepts JSON series and Graphite lines with 202 and counts, creating metrics on first write", async () => {
    const now = Date.now();
    const json = await server.api("/api/v1/metrics", {
      method: "POST",
      json: { series: [{ metric: "ingest.api.latency.p95", points: [[now - 1000, 10], [now, 12]] }, { metric: "ingest.api.errors", points: [[now, 0]] }] },
    });
    expect(json.status).toBe(202);
    expect(await json.json()).toMatchObject({ series: 2, points: 3, created: ["ingest.api.latency.p95", "ingest.api.errors"] });
    const text = await server.api("/api/v1/metrics", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: `ingest.api.requests 5 ${Math.floor(now / 1000)}\ningest.api.requests 7 ${Math.floor(now / 1000) + 10}\n`,
    });
    expect(text.status).toBe(202);
    expect(await text.json()).toMatchObject({ points: 2 });
    const names = (await get("/api/v1/metrics?match=ingest.api.*")).body.metrics.map((m: { name: string }) => m.name);
    expect(names).toEqual(["ingest.api.errors", "ingest.api.requests"]);
    const deeper = (await get("/api/v1/metrics?match=ingest.*.latency.*")).body.metrics.map((m: { name: string }) => m.name);
    expect(deeper).toEqual(["ingest.api.latency.p95"]);
  });

  it("rejects a bad batch whole with 400 naming each bad item, storing nothing", async () => {
    const res = await server.api("/api/v1/metrics", {
      method: "POST",
      json: { series: [{ metric: "reject.good", points: [[Date.now(), 1]] }, { metric: "reject bad", points: [[Date.now(), "x"]] }] },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.problems.map((p: { where: string }) => p.where)).toEqual(expect.arrayContaining(["series[1].metric", "series[1].points[0][1]"]));
    const lines = await server.api("/api/v1/metrics", { method: "POST", headers: { "content-type": "text/plain" }, body: "reject.line 1 1795000000\nreject.line oops 1795000000\n" });
    expect(lines.status).toBe(400);
    expect((await lines.json()).problems).toEqual([{ where: "line 2", message: expect.any(String) }]);
    expect((await get("/api/v1/metrics?match=reject.*")).body.metrics).toEqual([]);
  });

  it("accepts 100k points in one request", async () => {
    const start = Date.now() - 100_000 * 1000;
    const points = Array.from({ length: 100_000 }, (_, i) => [start + i * 1000, i % 100]);
    const res = await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "bulk.big", points }] } });
    expect(res.status).toBe(202);
    expect((await res.json()).points).toBe(100_000);
  });
});

describe("series", () => {
  // Ends now, so the newest points are within raw retention and the oldest only in rollups.
  const base = Math.floor(Date.now() / HOUR) * HOUR - 250_000 * 10_000;
  beforeAll(async () => {
    // 250,000 points at 10 s with one spike; sent in 50k batches.
    for (let b = 0; b < 5; b++) {
      const points = Array.from({ length: 50_000 }, (_, i) => {
        const n = b * 50_000 + i;
        return [base + n * 10_000, n === 123_457 ? 9999 : 10 + (n % 7)];
      });
      const res = await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "spiky.api.latency", points }] } });
      expect(res.status).toBe(202);
    }
  });

  it("keeps a single spike in 250,000 points as the maximum at maxPoints=500", async () => {
    const { status, body } = await get(`/api/v1/series?metric=spiky.api.latency&from=${base}&to=${base + 250_000 * 10_000}&maxPoints=500`);
    expect(status).toBe(200);
    const [series] = body.series;
    expect(series.points.length).toBeLessThanOrEqual(500);
    expect(Math.max(...series.points.map((p: number[]) => p[1]))).toBe(9999);
    expect(Math.min(...series.points.map((p: number[]) => p[1]))).toBe(10);
  });

  it("returns raw points unchanged when maxPoints covers them, with ISO and epoch times", async () => {
    const first = 249_900;
    const from = new Date(base + first * 10_000).toISOString();
    const { body } = await get(`/api/v1/series?metric=spiky.api.latency&from=${from}&to=${base + 249_999 * 10_000}&maxPoints=1000`);
    expect(body.series[0].resolution).toBe("raw");
    expect(body.series[0].points).toHaveLength(100);
    expect(body.series[0].points[3]).toEqual([base + (first + 3) * 10_000, 10 + ((first + 3) % 7)]);
  });

  it("answers uncompressed even to a client that accepts gzip (compression is a reverse proxy's job; README)", async () => {
    const res = await fetch(`${server.url}/api/v1/series?metric=spiky.api.latency&from=${base}&to=${base + 250_000 * 10_000}&maxPoints=1000`, { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBeNull();
    expect((await res.json()).series[0].points.length).toBeGreaterThan(500);
  });

  it("answers a glob with several series, and relative times", async () => {
    const { body } = await get("/api/v1/series?metric=ingest.api.*&from=-1h&to=now");
    expect(body.series.map((s: { metric: string }) => s.metric).sort()).toEqual(["ingest.api.errors", "ingest.api.requests"]);
  });

  it("answers 400 for bad parameters", async () => {
    expect((await get("/api/v1/series?metric=a.b&from=yesterday")).status).toBe(400);
    expect((await get("/api/v1/series?metric=a.b&from=now&to=-1h")).status).toBe(400);
    expect((await get("/api/v1/series?metric=a.b&maxPoints=1")).status).toBe(400);
    const missing = await get("/api/v1/series");
    expect(missing.status).toBe(400);
    expect(missing.body.problems[0].where).toBe("metric");
  });
});

describe("deployments and builds", () => {
  it("records, updates and filters deployments", async () => {
    const started = Date.now() - 2 * HOUR;
    const create = await server.api("/api/v1/deployments", {
      method: "POST",
      json: { service: "pay", environment: "test", version: "2.0.0", commit: "abc123", author: "sam", description: "first", startedAt: new Date(started).toISOString(), finishedAt: started + 60_000 },
    });
    expect(create.status).toBe(201);
    const { deployment } = await create.json();
    expect(deployment).toMatchObject({ service: "pay", environment: "test", version: "2.0.0", kind: "deploy", status: "succeeded", startedAt: started, verdict: { status: expect.any(String) } });

    const rolling = await (
      await server.api("/api/v1/deployments", {
        method: "POST",
        json: { service: "pay", environment: "prod", version: "2.0.0", strategy: "rolling", instancesTotal: 4, instancesDone: 0, startedAt: "-30m" },
      })
    ).json();
    expect(rolling.deployment.status).toBe("in_progress");
    expect(rolling.warnings).toEqual([]);
    const patched = await server.api(`/api/v1/deployments/${rolling.deployment.id}`, { method: "PATCH", json: { instancesDone: 4, status: "succeeded" } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).deployment).toMatchObject({ status: "succeeded", instancesDone: 4, finishedAt: expect.any(Number) });
    const detail = await get(`/api/v1/deployments/${rolling.deployment.id}`);
    expect(detail.body.events.map((e: { status: string }) => e.status)).toEqual(["in_progress", "succeeded"]);

    const prodOnly = await get("/api/v1/deployments?service=pay&environment=prod");
    expect(prodOnly.body.deployments.map((d: { id: number }) => d.id)).toEqual([rolling.deployment.id]);
    expect(prodOnly.body.deployments[0].previousVersion).toBeNull();
    const ranged = await get(`/api/v1/deployments?service=pay&from=${started - 1000}&to=${started + 1000}`);
    expect(ranged.body.deployments.map((d: { version: string; environment: string }) => d.environment)).toEqual(["test"]);
  });

  it("warns when a version skips a lower environment", async () => {
    const res = await server.api("/api/v1/deployments", { method: "POST", json: { service: "pay", environment: "prod", version: "2.1.0" } });
    expect((await res.json()).warnings).toEqual(["2.1.0 was never deployed to test before prod"]);
  });

  it("refuses a rollback that names a deploy of another service or environment, or none", async () => {
    const other = await (await server.api("/api/v1/deployments", { method: "POST", json: { service: "other", environment: "prod", version: "1" } })).json();
    const wrong = await server.api("/api/v1/deployments", {
      method: "POST",
      json: { service: "pay", environment: "prod", version: "1.9.0", kind: "rollback", rollbackOf: other.deployment.id },
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).problems[0].where).toBe("rollbackOf");
    const missing = await server.api("/api/v1/deployments", { method: "POST", json: { service: "pay", environment: "prod", version: "1.9.0", kind: "rollback", rollbackOf: 999_999 } });
    expect(missing.status).toBe(400);
    expect((await get(`/api/v1/deployments/${other.deployment.id}`)).body.deployment.status).toBe("succeeded");
  });

  it("answers 400 and 404 clearly", async () => {
    const bad = await server.api("/api/v1/deployments", { method: "POST", json: { service: "pay", environment: "prod", kind: "sideways", startedAt: "tomorrowish" } });
    expect(bad.status).toBe(400);
    const wheres = (await bad.json()).problems.map((p: { where: string }) => p.where);
    expect(wheres).toEqual(expect.arrayContaining(["version", "kind", "startedAt"]));
    expect((await server.api("/api/v1/deployments/999999", { method: "PATCH", json: { status: "failed" } })).status).toBe(404);
    expect((await server.api("/api/v1/deployments/abc", { method: "PATCH", json: { status: "failed" } })).status).toBe(400);
    expect((await server.api("/api/v1/deployments/1", { method: "PATCH", json: {} })).status).toBe(400);
    expect((await server.api("/api/v1/deployments", { method: "POST", body: "{not json", headers: { "content-type": "application/json" } })).status).toBe(400);
  });

  it("records builds idempotently per service and version", async () => {
    const first = await server.api("/api/v1/builds", { method: "POST", json: { service: "pay", version: "2.0.0", commit: "abc123", branch: "main" } });
    expect(first.status).toBe(201);
    const again = await server.api("/api/v1/builds", { method: "POST", json: { service: "pay", version: "2.0.0", commit: "abc123", branch: "main", author: "sam" } });
    expect((await again.json()).build.author).toBe("sam");
    const list = await get("/api/v1/builds?service=pay");
    expect(list.body.builds.filter((b: { version: string }) => b.version === "2.0.0")).toHaveLength(1);
    expect((await server.api("/api/v1/builds", { method: "POST", json: { service: "pay" } })).status).toBe(400);
  });
});

describe("CLI against the server", () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [path.resolve("bin/deploylines.cjs"), ...args], {
      env: { ...process.env, DEPLOYLINES_URL: server.url, DEPLOYLINES_TOKEN: server.token, ...env },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
    );

  it("records a build and a deploy, and sends metrics", async () => {
    const build = await cli(["build", "--service", "clisvc", "--version", "0.1.0", "--commit", "c0ffee"]);
    expect(build).toMatchObject({ code: 0, stdout: expect.stringMatching(/recorded build/) });
    const deploy = await cli(["deploy", "--service", "clisvc", "--environment", "test", "--version", "0.1.0", "--author", "ci"]);
    expect(deploy).toMatchObject({ code: 0, stdout: expect.stringMatching(/recorded deployment \d+: clisvc 0.1.0 → test/) });
    const send = await cli(["send", "clisvc.api.latency.p95", "42"]);
    expect(send).toMatchObject({ code: 0, stdout: expect.stringMatching(/sent 1 point/) });
    expect((await get("/api/v1/metrics?match=clisvc.*.*.*")).body.metrics[0]).toMatchObject({ name: "clisvc.api.latency.p95", lastValue: 42 });
  });

  it("fails with a clear message and a non-zero exit", async () => {
    const missing = await cli(["deploy", "--service", "clisvc"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/environment/);
    const unauthorised = await cli(["send", "clisvc.x", "1"], { DEPLOYLINES_TOKEN: "wrong" });
    expect(unauthorised.code).toBe(4);
    expect(unauthorised.stderr).toMatch(/401/);
    const unreachable = await cli(["send", "clisvc.x", "1"], { DEPLOYLINES_URL: "http://127.0.0.1:9" });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/cannot reach/);
  });
});

describe("generated token", () => {
  it("is made at first start with mode 0600, found by the CLI, and never logged", async () => {
    const fresh = await startTestServer({ DEPLOYLINES_TOKEN: "" });
    try {
      const file = path.join(fresh.dir, "token");
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const token = fs.readFileSync(file, "utf8").trim();
      expect(fresh.log()).toContain(file);
      expect(fresh.log()).not.toContain(token);
      const res = await fetch(`${fresh.url}/api/v1/builds`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ service: "tok", version: "1" }),
      });
      expect(res.status).toBe(201);
      const viaCli = await run(process.execPath, [path.resolve("bin/deploylines.cjs"), "build", "--service", "tok", "--version", "2"], {
        env: { ...process.env, DEPLOYLINES_URL: fresh.url, DEPLOYLINES_TOKEN: "", DEPLOYLINES_DATA_DIR: fresh.dir },
      });
      expect(viaCli.stdout).toMatch(/recorded build/);
    } finally {
      await fresh.stop();
    }
  });
});
