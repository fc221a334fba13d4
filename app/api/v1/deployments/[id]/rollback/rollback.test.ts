import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "@/lib/testing/cli";
import { startTestServer, type TestServer } from "@/lib/testing/server";

const MIN = 60_000;
const T0 = Date.now() - 6 * 60 * MIN;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

async function deploy(service: string, version: string, at: number, extra: object = {}) {
  const res = await server.api("/api/v1/deployments", { method: "POST", json: { service, environment: "prod", version, startedAt: T0 + at * MIN, ...extra } });
  return (await res.json()).deployment as { id: number };
}

describe("POST /api/v1/deployments/{id}/rollback", () => {
  it("rolls back to the last known good version by default and marks the bad deploy", async () => {
    await deploy("rb", "1.0", 0);
    await deploy("rb", "1.1", 10, { status: "failed" });
    const bad = await deploy("rb", "1.2", 20);
    const res = await server.api(`/api/v1/deployments/${bad.id}/rollback`, {
      method: "POST",
      json: { reason: "errors up", author: "ana", startedAt: T0 + 30 * MIN, finishedAt: T0 + 33 * MIN },
    });
    expect(res.status).toBe(201);
    const { deployment } = await res.json();
    expect(deployment).toMatchObject({ kind: "rollback", version: "1.0", previousVersion: "1.2", rollbackOf: bad.id, reason: "errors up", author: "ana", status: "succeeded" });
    const after = await (await server.api(`/api/v1/deployments/${bad.id}`)).json();
    expect(after.deployment.status).toBe("rolled_back");
    expect(after.events.at(-1)).toMatchObject({ status: "rolled_back", message: `rolled back by deployment ${deployment.id}` });

    const { rollbacks } = await (await server.api("/api/v1/rollbacks?service=rb")).json();
    expect(rollbacks).toEqual([
      expect.objectContaining({ id: deployment.id, fromVersion: "1.2", toVersion: "1.0", timeToRestoreMs: 13 * MIN, rolledBack: expect.objectContaining({ id: bad.id }) }),
    ]);
  });

  it("accepts an empty body and a named version", async () => {
    const bad = await deploy("rb2", "2.0", 0);
    const res = await fetch(`${server.url}/api/v1/deployments/${bad.id}/rollback`, { method: "POST", headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/no last known good version of rb2 in prod before deployment \d+ \(2\.0\)/);
    const named = await server.api(`/api/v1/deployments/${bad.id}/rollback`, { method: "POST", json: { version: "1.9" } });
    expect(named.status).toBe(201);
    expect((await named.json()).deployment).toMatchObject({ version: "1.9", rollbackOf: bad.id });
    const again = await server.api(`/api/v1/deployments/${bad.id}/rollback`, { method: "POST", json: { version: "1.8" } });
    expect(again.status).toBe(400);
    expect((await again.json()).error).toMatch(/already rolled back/);
  });

  it("answers 404, 400 and 401 as the API does elsewhere", async () => {
    expect((await server.api("/api/v1/deployments/999999/rollback", { method: "POST", json: {} })).status).toBe(404);
    expect((await server.api("/api/v1/deployments/abc/rollback", { method: "POST", json: {} })).status).toBe(400);
    const bad = await server.api("/api/v1/deployments/1/rollback", { method: "POST", json: { status: "bogus" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).problems[0].where).toBe("status");
    expect((await fetch(`${server.url}/api/v1/deployments/1/rollback`, { method: "POST" })).status).toBe(401);
  });
});

describe("deploylines rollback", () => {
  it("records a rollback to the last known good version", async () => {
    await deploy("rbcli", "3.0", 0);
    const bad = await deploy("rbcli", "3.1", 10);
    const run = await runCli(["--url", server.url, "--token", server.token, "rollback", "--id", String(bad.id), "--reason", "latency", "--author", "ci"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`recorded rollback \\d+: rbcli prod 3\\.1 → 3\\.0 \\(succeeded\\); deployment ${bad.id} rolled back`));
    expect((await (await server.api(`/api/v1/deployments/${bad.id}`)).json()).deployment.status).toBe("rolled_back");
  });

  it("exits non-zero with the server's reason, or 2 for bad arguments", async () => {
    const first = await deploy("rbcli2", "1.0", 0);
    const refused = await runCli(["--url", server.url, "--token", server.token, "rollback", "--id", String(first.id)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no last known good version/);
    expect((await runCli(["--url", server.url, "rollback", "--id", "x"])).code).toBe(2);
  });
});
