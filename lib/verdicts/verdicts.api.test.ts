import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeploymentView } from "@/lib/deploys/present";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";

const MIN = 60_000;
const CONTRACT = {
  windowMinutes: 10,
  baselineMinutes: 30,
  rules: [
    { metric: "svc.api.errors.rate", agg: "max", below: 1 },
    { metric: "svc.api.latency.p95", agg: "p95", maxIncreasePct: 20, severity: "degraded" },
  ],
};

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** Waits until the verdict job has judged a deploy, and returns it. */
function judged(server: TestServer, id: number, timeoutMs = 45_000) {
  return waitFor(`a verdict on deployment ${id}`, async () => {
    const { deployment } = await json<{ deployment: DeploymentView }>(await server.api(`/api/v1/deployments/${id}`));
    return deployment.verdict.status === "pending" ? undefined : deployment;
  }, timeoutMs);
}

describe.skipIf(!appIsBuilt)("criteria and verdicts over the API", () => {
  let server: TestServer;
  const now = Date.now();
  const postDeploy = async (service: string, version: string, startedAt: number) => {
    const res = await server.api("/api/v1/deployments", { method: "POST", json: { service, environment: "prod", version, startedAt, finishedAt: startedAt + 2 * MIN } });
    expect(res.status).toBe(201);
    return (await json<{ deployment: DeploymentView }>(res)).deployment;
  };

  beforeAll(async () => {
    server = await startTestServer();
    const points = (value: (i: number) => number) => Array.from({ length: 360 }, (_, i) => [now - 60 * MIN + i * 10_000, value(i)]);
    const ingest = await server.api("/api/v1/metrics", {
      method: "POST",
      json: { series: [{ metric: "svc.api.errors.rate", points: points((i) => 0.1 + (i % 5) / 100) }, { metric: "svc.api.latency.p95", points: points((i) => 50 + (i % 7)) }] },
    });
    expect(ingest.status).toBe(202);
  });
  afterAll(async () => server?.stop());

  it("sets and reads criteria, refusing bad bodies with each problem named and writes without a token", async () => {
    expect(await json(await server.api("/api/v1/services/svc/criteria"))).toEqual({ service: "svc", criteria: null });
    const anonymous = await fetch(`${server.url}/api/v1/services/svc/criteria`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(CONTRACT) });
    expect(anonymous.status).toBe(401);

    const bad = await server.api("/api/v1/services/svc/criteria", {
      method: "PUT",
      json: { windowMinutes: 0, rules: [{ metric: "svc.x", agg: "median", below: 1 }, { metric: "bad name!", agg: "max" }] },
    });
    expect(bad.status).toBe(400);
    const problems = (await json<{ problems: { where: string; message: string }[] }>(bad)).problems;
    expect(problems.map((p) => p.where)).toEqual(expect.arrayContaining(["windowMinutes", "rules[0].agg", "rules[1].metric", "rules[1]"]));
    const notJson = await server.api("/api/v1/services/svc/criteria", { method: "PUT", body: "{", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect((await server.api("/api/v1/services/bad%20name/criteria")).status).toBe(400);

    const put = await server.api("/api/v1/services/svc/criteria", { method: "PUT", json: CONTRACT });
    expect(put.status).toBe(200);
    const saved = await json<{ criteria: typeof CONTRACT; rejudged: number }>(put);
    expect(saved).toMatchObject({ rejudged: 0, criteria: { ...CONTRACT, rules: [{ ...CONTRACT.rules[0], severity: "failed" }, CONTRACT.rules[1]] } });
    expect(await json(await server.api("/api/v1/services/svc/criteria"))).toEqual({ service: "svc", criteria: saved.criteria });
  });

  it("judges a deploy recorded after the fact once the job runs: pending, then healthy with evidence", async () => {
    const deploy = await postDeploy("svc", "1.0.0", now - 40 * MIN);
    expect(deploy.verdict.status).toBe("pending");
    const done = await judged(server, deploy.id);
    expect(done.verdict).toMatchObject({ status: "healthy", window: { from: now - 38 * MIN, to: now - 28 * MIN }, windowEndsAt: now - 28 * MIN });
    expect((done.verdict.evidence as { metric: string; passed: boolean }[]).map((e) => [e.metric, e.passed])).toEqual([
      ["svc.api.errors.rate", true],
      ["svc.api.latency.p95", true],
    ]);
    expect(done.verdict.judgedAt).toBeGreaterThan(now);

    const impact = await json<{ impact: { movers: { metric: string }[] }; suspect: boolean }>(await server.api(`/api/v1/deployments/${deploy.id}/impact`));
    expect(impact.impact.movers.map((m) => m.metric).sort()).toEqual(["svc.api.errors.rate", "svc.api.latency.p95"]);
    expect(impact.suspect).toBe(false);

    // Changing the criteria sends it back to pending, and the job judges it again.
    const put = await json<{ rejudged: number }>(await server.api("/api/v1/services/svc/criteria", { method: "PUT", json: CONTRACT }));
    expect(put.rejudged).toBeGreaterThanOrEqual(1);
    expect((await judged(server, deploy.id)).verdict.status).toBe("healthy");
  });

  it("answers no_data when a rule's metric has no points, and none without criteria", async () => {
    await server.api("/api/v1/services/ghost/criteria", { method: "PUT", json: { rules: [{ metric: "ghost.errors.rate", agg: "max", below: 1 }] } });
    const ghost = await postDeploy("ghost", "0.1.0", now - 30 * MIN);
    const unjudged = await postDeploy("nocriteria", "0.1.0", now - 30 * MIN);
    const noData = await judged(server, ghost.id);
    expect(noData.verdict).toMatchObject({ status: "no_data", evidence: [{ metric: "ghost.errors.rate", passed: null, reason: "no points in the window" }] });
    expect((await judged(server, unjudged.id)).verdict).toMatchObject({ status: "none", reason: "no criteria set", evidence: [] });
    expect((await server.api("/api/v1/deployments/999999/impact")).status).toBe(404);
  });
});

describe.skipIf(!appIsBuilt)("verdicts on the demo", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ DEPLOYLINES_DEMO: "1" });
  });
  afterAll(async () => server?.stop());

  it("fails the bad deploy, names its rollback target and its regressions, and passes ordinary prod deploys", async () => {
    const list = async () =>
      (await json<{ deployments: DeploymentView[] }>(await server.api("/api/v1/deployments?service=auth&environment=prod&limit=5000"))).deployments;
    const rollback = (await list()).find((d) => d.kind === "rollback")!;
    const bad = await judged(server, rollback.rollbackOf!, 60_000);
    expect(bad.verdict.status).toBe("failed");
    expect(bad.verdict).toMatchObject({ rollbackTarget: { version: bad.previousVersion } });

    const { impact, suspect } = await json<{ impact: { movers: { metric: string; regression: boolean }[] }; suspect: boolean }>(
      await server.api(`/api/v1/deployments/${bad.id}/impact`),
    );
    expect(suspect).toBe(true);
    const regressions = impact.movers.filter((m) => m.regression).map((m) => m.metric);
    expect(regressions).toEqual(expect.arrayContaining(["auth.api.latency.p95", "auth.api.errors.rate"]));
    // Regressions rank first, so both are among the top movers.
    expect(impact.movers.slice(0, regressions.length).every((m) => m.regression)).toBe(true);

    const closed = (d: DeploymentView) => (d.finishedAt ?? d.startedAt) + 10 * MIN < Date.now();
    const ordinary = await waitFor("every ordinary prod deploy judged", async () => {
      const deploys = (await list()).filter((d) => d.kind === "deploy" && d.id !== bad.id && closed(d));
      return deploys.some((d) => d.verdict.status === "pending") ? undefined : deploys;
    });
    expect(ordinary.length).toBeGreaterThan(20);
    expect(ordinary.filter((d) => d.verdict.status !== "healthy").map((d) => `${d.version}: ${d.verdict.status}`)).toEqual([]);
  });
});
