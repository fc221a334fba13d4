import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@/lib/testing/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

describe("rolling deploys", () => {
  it("start in progress, record each progress report, and finish with a span the chart can shade", async () => {
    const startedAt = Date.now() - 10 * 60_000;
    const created = await server.api("/api/v1/deployments", {
      method: "POST",
      json: { service: "roll", environment: "prod", version: "4.0", strategy: "rolling", instancesDone: 0, instancesTotal: 10, startedAt },
    });
    const { deployment } = await created.json();
    expect(deployment).toMatchObject({ status: "in_progress", finishedAt: null, instancesDone: 0, instancesTotal: 10 });

    const overview = await (await server.api("/api/v1/services")).json();
    expect(overview.services.find((s: { name: string }) => s.name === "roll").inProgress).toEqual([expect.objectContaining({ id: deployment.id, instancesTotal: 10 })]);

    for (const done of [4, 10]) expect((await server.api(`/api/v1/deployments/${deployment.id}`, { method: "PATCH", json: { instancesDone: done } })).status).toBe(200);
    const finished = await (await server.api(`/api/v1/deployments/${deployment.id}`, { method: "PATCH", json: { status: "succeeded" } })).json();
    expect(finished.deployment.finishedAt).toBeGreaterThan(startedAt);

    const detail = await (await server.api(`/api/v1/deployments/${deployment.id}`)).json();
    expect(detail.events.map((e: { status: string; instancesDone: number | null; message: string | null }) => [e.status, e.instancesDone, e.message])).toEqual([
      ["in_progress", 0, "deploy started"],
      ["in_progress", 4, "progress: 4/10 instances"],
      ["in_progress", 10, "progress: 10/10 instances"],
      ["succeeded", 10, null],
    ]);
    const after = await (await server.api("/api/v1/services")).json();
    expect(after.services.find((s: { name: string }) => s.name === "roll").inProgress).toEqual([]);
  });

  it("refuses progress beyond the instance count", async () => {
    const { deployment } = await (await server.api("/api/v1/deployments", { method: "POST", json: { service: "roll", environment: "test", version: "4.0", strategy: "rolling", instancesTotal: 3 } })).json();
    const res = await server.api(`/api/v1/deployments/${deployment.id}`, { method: "PATCH", json: { instancesDone: 5 } });
    expect(res.status).toBe(400);
  });
});

describe("times and counts no page could show", () => {
  const problemsOf = async (res: Response) => ({ status: res.status, where: ((await res.json()).problems ?? []).map((p: { where: string }) => p.where) });

  it("are refused with the field named, and the pages that list deploys keep working", async () => {
    const base = { service: "bounds", environment: "prod", version: "1.0" };
    for (const startedAt of [99999999999999999, "9999-12-31T00:00:00Z", -5, "1969-07-20T20:17:00Z"]) {
      expect(await problemsOf(await server.api("/api/v1/deployments", { method: "POST", json: { ...base, startedAt } })), String(startedAt)).toEqual({ status: 400, where: ["startedAt"] });
    }
    // A bare 1000 is epoch seconds: 1970, before the start.
    expect(await problemsOf(await server.api("/api/v1/deployments", { method: "POST", json: { ...base, startedAt: 2_000_000_000_000, finishedAt: 1000 } }))).toEqual({ status: 400, where: ["finishedAt"] });
    expect(await problemsOf(await server.api("/api/v1/deployments", { method: "POST", json: { ...base, instancesDone: 50, instancesTotal: 5 } }))).toEqual({ status: 400, where: ["instancesDone"] });
    expect(await problemsOf(await server.api("/api/v1/builds", { method: "POST", json: { service: "bounds", version: "1.0", committedAt: 1e30 } }))).toEqual({ status: 400, where: ["committedAt"] });
    expect((await server.api("/api/annotations", { method: "POST", json: { time: 1e30, tags: ["deploy", "bounds"], text: "x" } })).status).toBe(400);

    const { deployment } = await (await server.api("/api/v1/deployments", { method: "POST", json: base })).json();
    // A field a PATCH cannot change is named, not silently ignored.
    const patched = await server.api(`/api/v1/deployments/${deployment.id}`, { method: "PATCH", json: { startedAt: "now", status: "succeeded" } });
    expect(patched.status).toBe(400);
    expect(JSON.stringify(await patched.json())).toContain("startedAt");
    for (const page of ["/", "/deployments", "/services/bounds"]) expect((await fetch(`${server.url}${page}`)).status, page).toBe(200);
  });
});

describe("POST /api/v1/deployments/{id}/rollback", () => {
  it("rolls back only the environment's live deploy: an older one answers 409 naming the deploy that replaced it", async () => {
    const record = async (version: string, ago: number) =>
      (await (await server.api("/api/v1/deployments", { method: "POST", json: { service: "rb", environment: "prod", version, status: "succeeded", startedAt: Date.now() - ago } })).json()).deployment.id as number;
    await record("1.0", 3 * 3_600_000);
    const replaced = await record("1.1", 2 * 3_600_000);
    const live = await record("1.2", 3_600_000);
    const refused = await server.api(`/api/v1/deployments/${replaced}/rollback`, { method: "POST", json: { reason: "too late" } });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toContain(`deployment ${live} (1.2) replaced it`);
    const undone = await server.api(`/api/v1/deployments/${live}/rollback`, { method: "POST", json: { reason: "p95 doubled", version: "1.1" } });
    expect(undone.status).toBe(201);
    expect((await undone.json()).deployment).toMatchObject({ kind: "rollback", version: "1.1", previousVersion: "1.2" });
  });
});
