import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DarkLaunchSample } from "@/lib/dark-launch/schema";
import { openStore } from "@/lib/store";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";

// Runs the built app (`npx next build` first) on a temporary SQLite database.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const now = Date.now();
  // checksvc.latency: 10, 20, … 100 over the last 5 minutes (avg 55, max 100); checksvc.old: one point 3 h ago;
  // checksvc.lagging: last written 4 minutes ago.
  const points = Array.from({ length: 10 }, (_, i) => [now - 270_000 + i * 30_000, (i + 1) * 10]);
  const res = await server.api("/api/v1/metrics", {
    method: "POST",
    json: {
      series: [
        { metric: "checksvc.latency", unit: "ms", points },
        { metric: "checksvc.old", points: [[now - 3 * 3_600_000, 1]] },
        { metric: "checksvc.lagging", points: [[now - 8 * 60_000, 1], [now - 4 * 60_000, 2]] },
      ],
    },
  });
  expect(res.status).toBe(202);
});
afterAll(async () => {
  await server?.stop();
});

const check = async (query: string) => {
  const res = await fetch(`${server.url}/api/v1/check${query}`);
  return { status: res.status, type: res.headers.get("content-type"), state: res.headers.get("x-nagios-state"), code: res.headers.get("x-nagios-exit-code"), line: (await res.text()).trim() };
};

const deploy = async (body: Record<string, unknown>) => {
  const res = await server.api("/api/v1/deployments", { method: "POST", json: { environment: "prod", version: "1.0.0", startedAt: "-1h", ...body } });
  expect(res.status).toBe(201);
  return (await res.json()).deployment.id as number;
};

/** Sets a verdict as the verdict job would, through the store on the server's own database file. */
async function setVerdict(id: number, verdictStatus: string) {
  const store = await openStore(`file:${server.dbFile}`);
  try {
    await store.updateDeployment(id, { verdictStatus });
  } finally {
    await store.close();
  }
}

function samples(count: number, mismatchEvery: number): DarkLaunchSample[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    ts: now - 600_000 + i * 1000,
    method: "GET",
    path: `/users/${i}`,
    primaryStatus: 200,
    candidateStatus: 200,
    match: mismatchEvery === 0 || i % mismatchEvery !== 0,
    primaryMs: 10,
    candidateMs: 11,
    candidateError: null,
    diff: null,
  }));
}

describe("GET /api/v1/check", () => {
  it("answers OK, WARNING and CRITICAL as a 200 plugin line with the state in headers", async () => {
    const ok = await check("?metric=checksvc.latency&agg=avg&window=5m&warning=60&critical=80");
    expect(ok).toEqual({
      status: 200,
      type: "text/plain; charset=utf-8",
      state: "OK",
      code: "0",
      line: "DEPLOYLINES OK - checksvc.latency avg over 5m = 55 ms (10 points) | 'checksvc.latency'=55ms;60;80",
    });
    expect(await check("?metric=checksvc.latency&agg=max&warning=90&critical=110")).toMatchObject({ status: 200, state: "WARNING", code: "1" });
    const critical = await check("?metric=checksvc.latency&agg=last&window=2m&warning=~:50&critical=@90:100&label=p95");
    expect(critical).toMatchObject({ status: 200, state: "CRITICAL", code: "2" });
    expect(critical.line).toMatch(/^DEPLOYLINES CRITICAL - checksvc.latency last over 2m = 100 ms \(\d+ points\) \| 'p95'=100ms;~:50;@90:100$/);
  });

  // Older than the default 14 days of raw points, the month's first half is read from its stored minutes.
  it("reduces a month of points for avg, min, max, sum and last, and p95 over at most a week", async () => {
    const now = Date.now();
    const count = 30 * 1440;
    const points = Array.from({ length: count }, (_, i) => [now - 30_000 - (count - 1 - i) * 60_000, i % 100]);
    expect((await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "checksvc.month", points }] } })).status).toBe(202);
    const month = (agg: string) => check(`?metric=checksvc.month&agg=${agg}&window=31d`);
    expect((await month("avg")).line).toBe("DEPLOYLINES OK - checksvc.month avg over 31d = 49.5 (43200 points) | 'checksvc.month'=49.5");
    expect((await month("sum")).line).toMatch(/= 2,138,400 \(43200 points\) \| .*=2138400$/);
    expect((await month("min")).line).toMatch(/= 0 \(43200 points\)/);
    expect((await month("max")).line).toMatch(/= 99 \(43200 points\)/);
    expect((await month("last")).line).toMatch(/= 99 \(43200 points\)/);
    expect((await check("?metric=checksvc.month&agg=p95&window=7d")).line).toMatch(/p95 over 7d = 95 \(10080 points\)/);
    const p95 = await check("?metric=checksvc.month&agg=p95&window=30d");
    expect(p95).toMatchObject({ status: 400, state: "UNKNOWN" });
    expect(p95.line).toMatch(/window: window 30d is longer than 7d, the longest p95 reads/);
  });

  it("checks a labelled series named by a selector, and says which to name when a name has several", async () => {
    const now = Date.now();
    const series = [
      { metric: "checksvc.hits", labels: { route: "/a" }, points: [[now - 60_000, 3]] },
      { metric: "checksvc.hits", labels: { route: "/b" }, points: [[now - 60_000, 7]] },
      { metric: "checksvc.solo", labels: { env: "prod" }, points: [[now - 60_000, 42]] },
    ];
    expect((await server.api("/api/v1/metrics", { method: "POST", json: { series } })).status).toBe(202);
    const q = (metric: string) => check(`?metric=${encodeURIComponent(metric)}&agg=last&window=5m`);
    expect((await q('checksvc.hits{route="/b"}')).line).toBe(`DEPLOYLINES OK - checksvc.hits{route="/b"} last over 5m = 7 (1 point) | 'checksvc.hits{route_"/b"}'=7`);
    expect((await q("checksvc.solo")).line).toMatch(/^DEPLOYLINES OK - checksvc.solo last over 5m = 42 /);
    const several = await q("checksvc.hits");
    expect(several).toMatchObject({ status: 200, state: "UNKNOWN" });
    expect(several.line).toBe('DEPLOYLINES UNKNOWN - checksvc.hits matches 2 series; a check reads one: name it with its labels, e.g. checksvc.hits{route="/a"}');
    expect((await q('checksvc.hits{route=~"/[ab]"}')).line).toMatch(/matches 2 series/);
    expect((await q('checksvc.hits{route="/c"}')).line).toMatch(/no such metric/);
    const bad = await q('checksvc.hits{route="/a"');
    expect(bad).toMatchObject({ status: 400, state: "UNKNOWN" });
    expect(bad.line).toMatch(/metric: label matchers must end with \}/);
  });

  it("is UNKNOWN (200) for an unknown metric, no data in the window and stale data", async () => {
    const missing = await check("?metric=checksvc.nope");
    expect(missing).toMatchObject({ status: 200, state: "UNKNOWN", code: "3", line: "DEPLOYLINES UNKNOWN - checksvc.nope: no such metric (nothing has been written to it)" });
    expect((await check("?metric=checksvc.old&window=10m")).line).toMatch(/UNKNOWN - checksvc.old: no data in the last 10m \(last point 3h ago\)/);
    expect((await check("?metric=checksvc.lagging&window=10m&maxAge=2m")).line).toMatch(/UNKNOWN - checksvc.lagging: data is stale, last point 4(\.\d)?m ago, older than the max age 2m/);
    expect((await check("?metric=checksvc.lagging&window=10m")).state).toBe("OK");
  });

  it("answers 400 with an UNKNOWN line naming each bad parameter", async () => {
    const bad = await check("?metric=checksvc.latency&agg=median&window=5x&warning=20:10");
    expect(bad).toMatchObject({ status: 400, state: "UNKNOWN", code: "3" });
    expect(bad.line).toMatch(/^DEPLOYLINES UNKNOWN - invalid query parameters: /);
    expect(bad.line).toMatch(/agg: agg must be one of/);
    expect(bad.line).toMatch(/window: window "5x" is not a duration/);
    expect(bad.line).toMatch(/warning: threshold "20:10": start 20 is greater than end 10/);
    expect((await check("")).line).toMatch(/metric: /);
  });
});

describe("GET /api/v1/check/deployment", () => {
  it("follows the latest deploy of the service to the environment", async () => {
    const url = "/deployment?service=depsvc&environment=prod";
    expect((await check(url)).line).toBe("DEPLOYLINES UNKNOWN - depsvc → prod: no deploys recorded");
    // In progress, so the verdict job leaves it pending: finished, a deploy of a service without criteria may be judged "none" at the job's next tick, before the check.
    const first = await deploy({ service: "depsvc", version: "1.0.0", startedAt: "-2h", status: "in_progress" });
    expect(await check(url)).toMatchObject({ status: 200, state: "UNKNOWN", line: expect.stringMatching(/depsvc → prod 1.0.0 \(deployment \d+, .* ago\): verdict pending \(deploy in progress\)$/) });
    await setVerdict(first, "healthy");
    expect(await check(url)).toMatchObject({ state: "OK", code: "0", line: expect.stringMatching(/1.0.0 .* is healthy$/) });
    await setVerdict(first, "degraded");
    expect(await check(url)).toMatchObject({ state: "WARNING", code: "1" });
    await setVerdict(first, "failed");
    expect(await check(url)).toMatchObject({ state: "CRITICAL", code: "2", line: expect.stringMatching(/failed its verdict$/) });
    await setVerdict(first, "no_data");
    expect((await check(url)).line).toMatch(/no metric data to judge it by/);

    const second = await deploy({ service: "depsvc", version: "1.1.0", startedAt: "-30m", status: "succeeded" });
    await setVerdict(second, "healthy");
    expect((await check(url)).state).toBe("OK");
    // A rollback marks the deploy it undoes; the check keeps reporting that deploy, not the rollback.
    await deploy({ service: "depsvc", version: "1.0.0", kind: "rollback", rollbackOf: second, startedAt: "-10m", status: "succeeded" });
    expect(await check(url)).toMatchObject({ state: "CRITICAL", line: expect.stringMatching(/1.1.0 \(deployment \d+, .*\) was rolled back$/) });
    // Other environments are their own checks.
    expect((await check("/deployment?service=depsvc&environment=test")).line).toMatch(/no deploys recorded/);
  });

  it("answers 400 without a service", async () => {
    expect(await check("/deployment?environment=prod")).toMatchObject({ status: 400, state: "UNKNOWN", line: expect.stringMatching(/service: /) });
  });
});

describe("GET /api/v1/check/dark-launch", () => {
  const post = (service: string, body: unknown) => server.api(`/api/v1/dark-launches/${service}/samples`, { method: "POST", json: body });

  it("is OK when ready, WARNING when not, UNKNOWN with too few samples or none", async () => {
    expect((await post("dl-ready", { candidateVersion: "2.0.0", samples: samples(200, 0) })).status).toBe(202);
    expect((await post("dl-bad", { samples: samples(200, 4) })).status).toBe(202);
    expect((await post("dl-few", { samples: samples(10, 0) })).status).toBe(202);
    const ready = await check("/dark-launch?service=dl-ready");
    expect(ready).toMatchObject({ status: 200, state: "OK", code: "0" });
    expect(ready.line).toMatch(/^DEPLOYLINES OK - dl-ready candidate 2.0.0 is ready: match rate 100% ≥ 99.9% over 200 samples; .* \| 'match_rate'=100%;;;0;100 'mirrored'=200;;;0$/);
    expect(await check("/dark-launch?service=dl-bad")).toMatchObject({ state: "WARNING", line: expect.stringMatching(/not ready: match rate 75% < 99.9%/) });
    expect(await check("/dark-launch?service=dl-few")).toMatchObject({ state: "UNKNOWN", line: expect.stringMatching(/insufficient data, 10 of 100 samples needed/) });
    expect((await check("/dark-launch?service=dl-none")).line).toBe("DEPLOYLINES UNKNOWN - dl-none: no dark launch");
  });
});

describe("deploylines check (the CLI through the server)", () => {
  const cli = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, [path.resolve("bin/deploylines.cjs"), "check", ...args], { env: { ...process.env, DEPLOYLINES_URL: "" } }, (error, stdout) =>
        resolve({ code: error ? (error.code as number) : 0, stdout: stdout.trim() }),
      );
    });

  it("exits 0, 1, 2 and 3 with the server's line", async () => {
    const metric = ["--metric", "checksvc.latency", "--window", "5m", "--url", server.url];
    expect(await cli(...metric, "--agg", "avg", "--warning", "60", "--critical", "80")).toEqual({ code: 0, stdout: expect.stringMatching(/^DEPLOYLINES OK - .* \| 'checksvc.latency'=55ms;60;80$/) });
    expect(await cli(...metric, "--agg", "max", "-w", "90", "-c", "110")).toMatchObject({ code: 1, stdout: expect.stringMatching(/^DEPLOYLINES WARNING - /) });
    expect(await cli(...metric, "--agg", "min", "-w", "@0:20", "-c", "@0:15")).toMatchObject({ code: 2, stdout: expect.stringMatching(/^DEPLOYLINES CRITICAL - checksvc.latency min over 5m = 10 ms/) });
    expect(await cli("--metric", "checksvc.nope", "--url", server.url)).toMatchObject({ code: 3, stdout: expect.stringMatching(/^DEPLOYLINES UNKNOWN - checksvc.nope: no such metric/) });
  });

  it("checks the latest deploy and a dark launch", async () => {
    const id = await deploy({ service: "clisvc", version: "3.0.0" });
    await setVerdict(id, "degraded");
    expect(await cli("--deployment", "--service", "clisvc", "--environment", "prod", "--url", server.url)).toMatchObject({ code: 1, stdout: expect.stringMatching(/^DEPLOYLINES WARNING - clisvc → prod 3.0.0 .* is degraded$/) });
    expect((await post("dl-cli", { samples: samples(150, 0) })).status).toBe(202);
    expect(await cli("--dark-launch", "--service", "dl-cli", "--url", server.url)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^DEPLOYLINES OK - dl-cli candidate is ready/) });
  });

  it("exits 3 with an UNKNOWN line for bad arguments, an error answer or an unreachable server", async () => {
    expect(await cli("--metric", "checksvc.latency", "--critical", "20:10", "--url", server.url)).toEqual({ code: 3, stdout: expect.stringMatching(/^DEPLOYLINES UNKNOWN - invalid arguments: critical: threshold "20:10"/) });
    expect(await cli("--deployment", "--url", server.url)).toMatchObject({ code: 3, stdout: expect.stringMatching(/UNKNOWN - invalid query parameters: service: /) });
    expect(await cli("--metric", "checksvc.latency", "--url", `${server.url}/nowhere`)).toMatchObject({ code: 3, stdout: expect.stringMatching(/^DEPLOYLINES UNKNOWN - deploylines at .* answered 404/) });
    const dead = `http://127.0.0.1:${await freePort()}`;
    expect(await cli("--metric", "checksvc.latency", "--url", dead)).toEqual({ code: 3, stdout: `DEPLOYLINES UNKNOWN - cannot reach deploylines at ${dead} (connect ECONNREFUSED ${dead.slice(7)}); set DEPLOYLINES_URL or --url` });
  });

  function post(service: string, body: unknown) {
    return server.api(`/api/v1/dark-launches/${service}/samples`, { method: "POST", json: body });
  }
});
