import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DarkLaunchReport } from "@/lib/dark-launch/report";
import type { DarkLaunchSample } from "@/lib/dark-launch/schema";
import { startTestServer, type TestServer } from "@/lib/testing/server";

// Runs the built app (`npx next build` first) on a temporary SQLite database.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const now = Date.now();

/** 100 samples over the last hour: every 4th a mismatch; primary 1…100 ms, candidate twice that. */
function knownSamples(): DarkLaunchSample[] {
  return Array.from({ length: 100 }, (_, i) => ({
    ts: now - 3_600_000 + i * 1000,
    method: "GET",
    path: i % 2 === 0 ? `/users/${1000 + i}` : `/orders/${i}9f1c2d3e4b5a6c7d?x=1`,
    primaryStatus: 200,
    candidateStatus: i % 4 === 0 ? 500 : 200,
    match: i % 4 !== 0,
    primaryMs: i + 1,
    candidateMs: 2 * (i + 1),
    candidateError: null,
    diff: i % 4 === 0 ? [{ path: "status", primary: 200, candidate: 500 }] : null,
  }));
}

const post = (service: string, body: unknown, init: RequestInit = {}) =>
  server.api(`/api/v1/dark-launches/${service}/samples`, { method: "POST", json: body, ...init });

describe("dark-launch API", () => {
  it("accepts a batch with 202 and counts, folding endpoints and setting the candidate version", async () => {
    const res = await post("svc", { candidateVersion: "2.0.0-rc.1", samples: knownSamples() });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true, service: "svc", candidateVersion: "2.0.0-rc.1", samples: 100, matched: 75, mismatched: 25 });

    const report = (await (await server.api("/api/v1/dark-launches/svc")).json()) as DarkLaunchReport;
    expect(report).toMatchObject({ service: "svc", candidateVersion: "2.0.0-rc.1", state: "running", mirrored: 100, matched: 75, matchRate: 0.75 });
    expect(report.primary).toEqual({ p50Ms: 50, p95Ms: 95, p99Ms: 99, errorRate: 0 });
    expect(report.candidate).toEqual({ p50Ms: 100, p95Ms: 190, p99Ms: 198, errorRate: 0.25 });
    expect(report.endpoints.map((e) => [e.endpoint, e.mirrored, e.matchRate])).toEqual([
      ["GET /users/:id", 50, 0.5],
      ["GET /orders/:id", 50, 1],
    ]);
    expect(report.recentMismatches).toHaveLength(10);
    expect(report.recentMismatches[0]).toMatchObject({ ts: now - 3_600_000 + 96_000, path: "/users/1096", diff: [{ path: "status", primary: 200, candidate: 500 }] });
    expect(report.timeline.reduce((n, b) => n + b.mirrored, 0)).toBe(100);
    // The default range is the readiness window: the last 24 h.
    expect(report.to - report.from).toBe(24 * 3_600_000);
    expect(report.readiness).toMatchObject({ ready: false, status: "not_ready", mirrored: 100 });
    expect(report.readiness.reasons.join(" ")).toMatch(/match rate 75% < 99.9%/);
  });

  it("keeps an endpoint the reporter folded itself", async () => {
    const [sample] = knownSamples();
    expect((await post("svc-named", { samples: [{ ...sample, endpoint: "GET /users/{id}" }] })).status).toBe(202);
    const report = (await (await server.api("/api/v1/dark-launches/svc-named")).json()) as DarkLaunchReport;
    expect(report.endpoints.map((e) => e.endpoint)).toEqual(["GET /users/{id}"]);
  });

  it("rejects a bad batch whole with 400 naming each bad sample's index, storing none of it", async () => {
    const samples: unknown[] = knownSamples().slice(0, 10);
    samples[3] = { ...(samples[3] as object), primaryStatus: 999 };
    samples[7] = { ...(samples[7] as object), match: "yes", primaryMs: -1 };
    const res = await post("svc-bad", { samples });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; problems: { where: string }[] };
    expect(body.error).toBe("invalid samples at index 3, 7: nothing of this batch was stored");
    expect(body.problems.map((p) => p.where).sort()).toEqual(["samples[3].primaryStatus", "samples[7].match", "samples[7].primaryMs"]);
    expect((await server.api("/api/v1/dark-launches/svc-bad")).status).toBe(404);
    expect((await post("svc-bad", { samples: [] })).status).toBe(400);
    expect((await post("bad name!", { samples: knownSamples() })).status).toBe(400);
  });

  it("refuses writes without a token", async () => {
    const res = await fetch(`${server.url}/api/v1/dark-launches/svc-anon/samples`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ samples: knownSamples() }),
    });
    expect(res.status).toBe(401);
    expect((await post("svc-anon", { samples: knownSamples() }, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await server.api("/api/v1/dark-launches/svc-anon")).status).toBe(404);
  });

  it("summarises a requested range and validates it", async () => {
    const from = now - 3_600_000;
    const report = (await (await server.api(`/api/v1/dark-launches/svc?from=${from}&to=${from + 49_999}&buckets=5`)).json()) as DarkLaunchReport;
    expect(report).toMatchObject({ from, to: from + 49_999, mirrored: 50, matched: 37 });
    expect(report.timeline.map((b) => b.mirrored)).toEqual([10, 10, 10, 10, 10]);
    // Readiness is judged on its own window whatever the range: a week, or an hour that misses most of the samples.
    const { readiness } = (await (await server.api("/api/v1/dark-launches/svc")).json()) as DarkLaunchReport;
    for (const query of ["from=-7d", `from=-7d&to=${now - 1800_000}`, `from=${from}&to=${from + 60_000}`]) {
      const other = (await (await server.api(`/api/v1/dark-launches/svc?${query}`)).json()) as DarkLaunchReport;
      expect({ ...other.readiness, from: 0, to: 0 }).toEqual({ ...readiness, from: 0, to: 0 });
    }
    const bad = await server.api("/api/v1/dark-launches/svc?from=now&to=-1h");
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0].where).toBe("from");
  });

  it("stores criteria with PUT and judges readiness against them", async () => {
    const put = (body: unknown, init: RequestInit = {}) => server.api("/api/v1/dark-launches/svc/criteria", { method: "PUT", json: body, ...init });
    expect((await put({ minMatchRate: 0.7 }, { headers: { authorization: "" } })).status).toBe(401);
    const bad = await put({ minMatchRate: 2, minSampels: 5 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems.map((p: { where: string }) => p.where).sort()).toEqual(["body", "minMatchRate"]);

    const res = await put({ minMatchRate: 0.7, maxP95Ratio: 2.5 });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ service: "svc", criteria: { minMatchRate: 0.7, maxP95Ratio: 2.5, windowHours: 24, minSamples: 100 } });
    const ready = (await (await server.api("/api/v1/dark-launches/svc")).json()) as DarkLaunchReport;
    expect(ready.criteria).toEqual({ minMatchRate: 0.7, maxP95Ratio: 2.5, windowHours: 24, minSamples: 100 });
    expect(ready.readiness).toMatchObject({ ready: true, status: "ready" });

    await put({ minMatchRate: 0.7, maxP95Ratio: 1.5 });
    const slow = (await (await server.api("/api/v1/dark-launches/svc")).json()) as DarkLaunchReport;
    expect(slow.readiness.status).toBe("not_ready");
    expect(slow.readiness.reasons).toEqual(["candidate p95 190 ms is 2.00× the primary's 95 ms (max 1.5×)"]);

    await put({ minSamples: 500 });
    const few = (await (await server.api("/api/v1/dark-launches/svc")).json()) as DarkLaunchReport;
    expect(few.readiness).toMatchObject({ status: "insufficient_data", reasons: ["100 of 500 samples needed in the last 24 h"] });
  });

  it("lists every dark launch with its headline figures", async () => {
    const { darkLaunches } = (await (await server.api("/api/v1/dark-launches")).json()) as { darkLaunches: { service: string; mirrored: number; matchRate: number; candidateVersion: string | null; readiness: { status: string } }[] };
    expect(darkLaunches.map((d) => d.service)).toEqual(["svc", "svc-named"]);
    expect(darkLaunches[0]).toMatchObject({ candidateVersion: "2.0.0-rc.1", mirrored: 100, matchRate: 0.75, readiness: { status: "insufficient_data" } });
  });
});
