import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const HOUR = 3_600_000;
const T0 = Date.now() - 48 * HOUR;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function json(res: Response) {
  return { status: res.status, body: await res.json() };
}

async function seed(service: string) {
  for (let i = 1; i <= 6; i++) {
    expect((await server.api("/api/v1/builds", { method: "POST", json: { service, version: `1.${i}`, commit: `c${i}`, createdAt: T0 + i * HOUR } })).status).toBe(201);
  }
  const deploy = async (environment: string, version: string, at: number, extra: object = {}) =>
    (await json(await server.api("/api/v1/deployments", { method: "POST", json: { service, environment, version, startedAt: T0 + at * HOUR, ...extra } }))).body.deployment;
  await deploy("test", "1.1", 1.1);
  await deploy("prod", "1.1", 1.2);
  await deploy("test", "1.2", 2.1, { status: "failed" });
  await deploy("test", "1.3", 3.1);
  const bad = await deploy("prod", "1.3", 3.2);
  await server.api(`/api/v1/deployments/${bad.id}/rollback`, { method: "POST", json: { reason: "errors", startedAt: T0 + 3.5 * HOUR } });
  await deploy("prod", "1.5", 5.2);
}

describe("builds, retention and the promotion order over HTTP", () => {
  it("answers each build with where it went, whether it is kept and why, and its promotion flags", async () => {
    await seed("ret");
    const { body } = await json(await server.api("/api/v1/builds?service=ret"));
    const byVersion = Object.fromEntries(body.builds.map((b: { version: string }) => [b.version, b]));
    expect(body.builds.map((b: { version: string }) => b.version)).toEqual(["1.6", "1.5", "1.4", "1.3", "1.2", "1.1"]);
    expect(byVersion["1.5"]).toMatchObject({ kept: true, prunable: false, flags: ["1.5 was never deployed to test before prod"] });
    expect(byVersion["1.5"].keptBecause).toContain("live in prod");
    expect(byVersion["1.2"]).toMatchObject({ flags: ["failed in test — never reached prod"], environments: [{ environment: "test", status: "failed", passed: false }] });
    expect(byVersion["1.3"].environments.map((e: { environment: string; status: string }) => [e.environment, e.status])).toEqual([["test", "succeeded"], ["prod", "rolled_back"]]);
    expect(byVersion["1.1"].environments.map((e: { environment: string; kind: string }) => [e.environment, e.kind])).toEqual([["test", "deploy"], ["prod", "rollback"]]);
  });

  it("lists what a pipeline may delete: never a live or last known good build", async () => {
    expect((await json(await server.api("/api/v1/services/ret/retention", { method: "PUT", json: { keepBuilds: 1 } }))).body).toEqual({ service: "ret", keepBuilds: 1 });
    const { body } = await json(await server.api("/api/v1/builds?service=ret&prunable=true"));
    // 1.6 is the newest; 1.5 live and last known good in prod; 1.3 live and last known good in test.
    // 1.1, returned to by the rollback, is no longer needed once 1.5 went out fine.
    expect(body.builds.map((b: { version: string }) => b.version)).toEqual(["1.4", "1.2", "1.1"]);
    const kept = (await json(await server.api("/api/v1/builds?service=ret&prunable=false"))).body.builds;
    expect(kept.map((b: { version: string; keptBecause: string[] }) => [b.version, b.keptBecause])).toEqual([
      ["1.6", ["among the newest 1"]],
      ["1.5", ["live in prod", "last known good in prod"]],
      ["1.3", ["live in test", "last known good in test"]],
    ]);
    expect((await json(await server.api("/api/v1/services/ret/retention"))).body.keepBuilds).toBe(1);
  });

  it("validates retention and needs a writer", async () => {
    const bad = await json(await server.api("/api/v1/services/ret/retention", { method: "PUT", json: { keepBuilds: 0 } }));
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ where: "keepBuilds" }] } });
    expect((await server.api("/api/v1/services/ret/retention", { method: "PUT", json: { keepBuilds: 3 }, headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await server.api("/api/v1/services/bad%20name/retention", { method: "PUT", json: { keepBuilds: 3 } })).status).toBe(400);
    expect((await server.api("/api/v1/builds?prunable=maybe")).status).toBe(400);
  });

  it("sets the log URL template through the service settings", async () => {
    const ok = await json(await server.api("/api/v1/services/ret/settings", { method: "PUT", json: { logUrlTemplate: "https://logs.example.com/?q={service}&from={from}&to={to}" } }));
    expect(ok).toMatchObject({ status: 200, body: { service: "ret", keepBuilds: 1, logUrlTemplate: "https://logs.example.com/?q={service}&from={from}&to={to}" } });
    const bad = await json(await server.api("/api/v1/services/ret/settings", { method: "PUT", json: { logUrlTemplate: "ftp://x/{service}" } }));
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ where: "logUrlTemplate" }] } });
    expect((await server.api("/api/v1/services/ret/settings", { method: "PUT", json: {} })).status).toBe(400);
  });

  it("pins key metrics per service through the service settings", async () => {
    const put = await json(await server.api("/api/v1/services/ret/settings", { method: "PUT", json: { keyMetrics: ["ret.api.latency.p95", "ret.api.errors.rate"] } }));
    expect(put).toMatchObject({ status: 200, body: { keyMetrics: ["ret.api.latency.p95", "ret.api.errors.rate"] } });
    expect((await json(await server.api("/api/v1/services/ret/settings"))).body.keyMetrics).toEqual(["ret.api.latency.p95", "ret.api.errors.rate"]);
    const bad = await json(await server.api("/api/v1/services/ret/settings", { method: "PUT", json: { keyMetrics: Array.from({ length: 51 }, (_, i) => `m${i}`) } }));
    expect(bad).toMatchObject({ status: 400, body: { problems: [{ where: "keyMetrics" }] } });
  });

  it("configures the promotion order, and deploys are warned against it", async () => {
    expect((await json(await server.api("/api/v1/environments"))).body).toEqual({ environments: ["test", "prod"] });
    const put = await json(await server.api("/api/v1/environments", { method: "PUT", json: { environments: ["test", "staging", "prod"] } }));
    expect(put.body).toEqual({ environments: ["test", "staging", "prod"] });
    expect((await json(await server.api("/api/v1/environments"))).body.environments).toEqual(["test", "staging", "prod"]);
    const dup = await json(await server.api("/api/v1/environments", { method: "PUT", json: { environments: ["test", "test"] } }));
    expect(dup).toMatchObject({ status: 400, body: { problems: [{ where: "environments", message: "each environment may appear once" }] } });
    expect((await server.api("/api/v1/environments", { method: "PUT", json: { environments: ["a"] }, headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const warned = await json(await server.api("/api/v1/deployments", { method: "POST", json: { service: "ord", environment: "prod", version: "9" } }));
    expect(warned.body.warnings).toEqual(["9 was never deployed to test before prod", "9 was never deployed to staging before prod"]);
    expect(warned.body.deployment.warnings).toEqual(warned.body.warnings);
  });
});
