import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { runCli } from "@/lib/testing/cli";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import type { VerdictState } from "./wait-verdict";

const MIN = 60_000;

/** Points every 2 s in [from, to) with the value `at(ts)`. */
function points(from: number, to: number, at: (ts: number) => number): [number, number][] {
  const out: [number, number][] = [];
  for (let ts = from; ts < to; ts += 2000) out.push([ts, at(ts)]);
  return out;
}

describe.skipIf(!appIsBuilt)("gating a pipeline on the verdict, through the server and the CLI", () => {
  let server: TestServer;
  const now = Date.now();
  const cli = (...args: string[]) => runCli(args, { DEPLOYLINES_URL: server.url, DEPLOYLINES_TOKEN: server.token });
  const ingest = async (series: { metric: string; points: [number, number][] }[]) => expect((await server.api("/api/v1/metrics", { method: "POST", json: { series } })).status).toBe(202);
  const criteria = async (service: string, body: unknown) => expect((await server.api(`/api/v1/services/${service}/criteria`, { method: "PUT", json: body })).status).toBe(200);
  const deploy = async (service: string, version: string, finishedAt: number, environment = "prod") => {
    const res = await server.api("/api/v1/deployments", { method: "POST", json: { service, environment, version, startedAt: finishedAt - MIN, finishedAt } });
    expect(res.status).toBe(201);
    return ((await res.json()) as { deployment: { id: number } }).deployment.id;
  };
  const verdict = async (id: number, wait = "0s") => (await (await server.api(`/api/v1/deployments/${id}/verdict?wait=${wait}`)).json()) as VerdictState;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.stop());

  it("does not call a deploy healthy one minute in when its metrics go bad after two: pending, then failed", async () => {
    const finished = now - 3 * MIN;
    await criteria("early", { windowMinutes: 10, rules: [{ metric: "early.errors.rate", agg: "max", below: 1 }] });
    // The first minute's points have arrived, all good: 30 of the 50 needed.
    await ingest([{ metric: "early.errors.rate", points: points(finished - 30 * MIN, finished + MIN, () => 0.1) }]);
    const id = await deploy("early", "1.0", finished);
    const first = await verdict(id);
    expect(first).toMatchObject({ final: false, verdict: { status: "pending", progress: { points: 30, needed: 50 } } });
    expect(first.verdict!.evidence[0]).toMatchObject({ outcome: "pending", leaning: "pass" });

    const waiting = await cli("gate", "--wait-verdict", "--deployment", String(id), "--timeout", "3s");
    expect(waiting.code).toBe(3);
    expect(waiting.stdout).toMatch(/pending .*30\/50 points — early\.errors\.rate max < 1: pass/);
    const dry = await cli("gate", "--wait-verdict", "--deployment", String(id), "--timeout", "2s", "--dry-run");
    expect(dry).toMatchObject({ code: 0 });
    expect(dry.stdout).toContain("dry run: the gate would exit 3");

    // Minutes 1 to 3 arrive: bad from minute 2 on. The waiting gate sees the failure without the window closing.
    const gate = cli("gate", "--wait-verdict", "--deployment", String(id), "--timeout", "30s");
    await ingest([{ metric: "early.errors.rate", points: points(finished + MIN, finished + 3 * MIN, (ts) => (ts >= finished + 2 * MIN ? 4 : 0.1)) }]);
    const failed = await gate;
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("early 1.0 in prod: failed");
    expect((await verdict(id)).verdict).toMatchObject({ status: "failed", evidence: [{ outcome: "fail", reason: "max 4 is not below 1" }] });
  });

  it("ends a deploy with 10 points in its window inconclusive, naming what the data could have detected", async () => {
    const finished = now - 20 * MIN;
    await criteria("sparse", { windowMinutes: 10, baselineMinutes: 30, rules: [{ metric: "sparse.latency", agg: "avg", direction: "increase", tolerancePct: 10 }] });
    const oneAMinute = (from: number, to: number, base: number) => Array.from({ length: (to - from) / MIN }, (_, i) => [from + i * MIN + 1000, base + (i % 5) * 8] as [number, number]);
    await ingest([{ metric: "sparse.latency", points: [...oneAMinute(finished - 31 * MIN, finished - MIN, 100), ...oneAMinute(finished, finished + 10 * MIN, 104)] }]);
    const id = await deploy("sparse", "1.0", finished);
    const state = await verdict(id);
    expect(state).toMatchObject({ final: true, verdict: { status: "inconclusive" } });
    expect(state.verdict!.evidence[0]).toMatchObject({ outcome: "inconclusive", samples: { after: 10 } });
    expect((state.verdict!.evidence[0] as { reason: string }).reason).toMatch(/10 points in the window, 30 points in the baseline, need 50 each; the smallest change these points could detect is ±\d/);
    expect((await cli("gate", "--wait-verdict", "--deployment", String(id))).code).toBe(2);
    expect((await cli("gate", "--wait-verdict", "--deployment", String(id), "--on-inconclusive", "fail")).code).toBe(1);
    expect((await cli("gate", "--wait-verdict", "--deployment", String(id), "--on-inconclusive", "pass")).code).toBe(0);
  });

  it("fails a deploy on a critical rule that passes every other rule and the score", async () => {
    const finished = now - 15 * MIN;
    await criteria("crit", {
      windowMinutes: 10,
      score: { pass: 60, marginal: 40 },
      rules: [
        { metric: "crit.errors.rate", agg: "max", below: 1, critical: true },
        { metric: "crit.latency.p95", agg: "p95", below: 500 },
        { metric: "crit.latency.p95", agg: "avg", below: 500 },
      ],
    });
    await ingest([
      { metric: "crit.errors.rate", points: points(finished - 10 * MIN, finished + 10 * MIN, (ts) => (ts > finished + 5 * MIN ? 2 : 0)) },
      { metric: "crit.latency.p95", points: points(finished - 10 * MIN, finished + 10 * MIN, (ts) => 100 + (ts % 7)) },
    ]);
    const id = await deploy("crit", "1.0", finished);
    const run = await cli("gate", "--wait-verdict", "--deployment", String(id));
    expect(run.code).toBe(1);
    const state = await verdict(id);
    expect(state.verdict).toMatchObject({ status: "failed", score: { value: 66.7, band: "pass", decides: true } });
    expect(state.verdict!.evidence.map((e) => (e as { outcome: string }).outcome)).toEqual(["fail", "pass", "pass"]);
  });

  it("promotes to prod only after the test deploy of the same version was judged healthy", async () => {
    const finished = now - 15 * MIN;
    await criteria("promo", { windowMinutes: 10, rules: [{ metric: "promo.errors.rate", agg: "max", below: 1 }] });
    await ingest([{ metric: "promo.errors.rate", points: points(finished - 10 * MIN, finished + 10 * MIN, () => 0.2) }]);
    const good = await deploy("promo", "2.0", finished, "test");
    const run = await cli("gate", "--wait-verdict", "--deployment", String(good), "--promote-to", "prod");
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("promo 2.0: verdict healthy and the gate to prod is open");
    // A healthy verdict in prod says nothing about test: 2.1 never reached test, so the gate stays shut.
    const prodOnly = await deploy("promo", "2.1", finished, "prod");
    const shut = await cli("gate", "--wait-verdict", "--deployment", String(prodOnly), "--promote-to", "prod");
    expect(shut.code).toBe(1);
    expect(shut.stderr).toContain("the gate to prod is shut");
  });

  it("shuts the gate on a deploy whose rollout failed, however healthy its metrics", async () => {
    const finished = now - 15 * MIN;
    await criteria("flop", { windowMinutes: 10, rules: [{ metric: "flop.errors.rate", agg: "max", below: 1 }] });
    await ingest([{ metric: "flop.errors.rate", points: points(finished - 10 * MIN, finished + 10 * MIN, () => 0.2) }]);
    const id = await deploy("flop", "3.0", finished);
    expect((await server.api(`/api/v1/deployments/${id}`, { method: "PATCH", json: { status: "failed" } })).status).toBe(200);
    const run = await cli("gate", "--wait-verdict", "--deployment", String(id), "--timeout", "10s");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("flop 3.0 in prod: failed");
    expect((await verdict(id)).verdict).toMatchObject({ status: "failed", reason: expect.stringContaining("the deploy itself failed"), evidence: [] });
  });

  it("shuts the gate on a deploy rolled back since, though its verdict was healthy", async () => {
    const finished = now - 15 * MIN;
    await criteria("undone", { windowMinutes: 10, rules: [{ metric: "undone.errors.rate", agg: "max", below: 1 }] });
    await ingest([{ metric: "undone.errors.rate", points: points(finished - 10 * MIN, finished + 10 * MIN, () => 0.2) }]);
    // The version the rollback returns to.
    await deploy("undone", "4.0", finished - 5 * MIN);
    const id = await deploy("undone", "4.1", finished);
    expect((await cli("gate", "--wait-verdict", "--deployment", String(id))).code).toBe(0);
    expect((await server.api(`/api/v1/deployments/${id}/rollback`, { method: "POST", json: { reason: "a customer report" } })).status).toBe(201);
    const run = await cli("gate", "--wait-verdict", "--deployment", String(id), "--timeout", "10s");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("undone 4.1 in prod: rolled back since (its verdict healthy)");
  });

  it("answers a bounded long poll, refuses a bad wait and an unknown deploy", async () => {
    expect((await server.api("/api/v1/deployments/999999/verdict")).status).toBe(404);
    const bad = await server.api("/api/v1/deployments/1/verdict?wait=soon");
    expect(bad.status).toBe(400);
    expect((await cli("gate", "--wait-verdict", "--deployment", "999999")).code).toBe(5);
  });
});
