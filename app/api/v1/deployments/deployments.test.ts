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
