import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import type { VerdictState } from "@/lib/verdicts/wait-verdict";

const MIN = 60_000;

describe.skipIf(!appIsBuilt)("adversarial: verdict long polls and slow receivers", () => {
  let server: TestServer;
  let pending: number;
  let hanging: http.Server;
  const now = Date.now();

  beforeAll(async () => {
    server = await startTestServer();
    await server.api("/api/v1/services/waits/criteria", { method: "PUT", json: { windowMinutes: 30, rules: [{ metric: "waits.errors.rate", agg: "max", below: 1 }] } });
    const res = await server.api("/api/v1/deployments", { method: "POST", json: { service: "waits", environment: "prod", version: "1", startedAt: now - 2 * MIN, finishedAt: now - MIN } });
    pending = ((await res.json()) as { deployment: { id: number } }).deployment.id;
    // A receiver that accepts connections and never answers.
    hanging = http.createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    await server?.stop();
    hanging?.closeAllConnections();
    await new Promise((r) => hanging?.close(r));
  });

  it("holds 300 long polls at once without stalling other requests, answering those beyond the cap at once", async () => {
    const { result, health } = await whileProbingHealth(server.url, () =>
      Promise.all(
        Array.from({ length: 300 }, async () => {
          const started = Date.now();
          const state = (await (await server.api(`/api/v1/deployments/${pending}/verdict?wait=4s`)).json()) as VerdictState;
          return { state, ms: Date.now() - started };
        }),
      ),
    );
    expect(result.every((r) => r.state.final === false)).toBe(true);
    const waited = result.filter((r) => r.state.waited);
    const refused = result.filter((r) => !r.state.waited);
    // Waiters see the evaluation so far; those beyond the cap get the stored row, judged by no one.
    expect(waited.every((r) => r.state.verdict?.status === "pending")).toBe(true);
    expect(refused.every((r) => r.state.verdict === null)).toBe(true);
    // The cap engaged: some were answered at once instead of joining the 200 already waiting.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.state.waitedMs === 0)).toBe(true);
    expect(waited.every((r) => r.state.waitedMs >= 3_900 && r.state.waitedMs < 7_000)).toBe(true);
    expect(Math.max(...result.map((r) => r.ms))).toBeLessThan(20_000);
    expect(health.failures).toBe(0);
    expect(health.maxMs).toBeLessThan(1_500);
  }, 60_000);

  it("caps a wait at 60 s whatever is asked", async () => {
    const started = Date.now();
    const res = await server.api(`/api/v1/deployments/${pending}/verdict?wait=1s`);
    expect(((await res.json()) as VerdictState).waitedMs).toBeLessThan(3_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await server.api(`/api/v1/deployments/${pending}/verdict?wait=${"9".repeat(30)}s`)).status).toBe(400);
  });

  it("judges on while a receiver never answers: the delivery times out in the outbox", async () => {
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/never`;
    expect((await server.api("/api/v1/webhooks", { method: "POST", json: { url, events: ["verdict.failed"] } })).status).toBe(201);
    const finished = now - 40 * MIN;
    await server.api("/api/v1/services/stuck/criteria", { method: "PUT", json: { windowMinutes: 10, rules: [{ metric: "stuck.errors.rate", agg: "max", below: 1 }] } });
    const points = Array.from({ length: 400 }, (_, i) => [finished + i * 2000, 5]);
    await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "stuck.errors.rate", points }] } });
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await server.api("/api/v1/deployments", { method: "POST", json: { service: "stuck", environment: "prod", version: `1.${i}`, startedAt: finished - MIN + i, finishedAt: finished + i } });
      ids.push(((await res.json()) as { deployment: { id: number } }).deployment.id);
    }
    for (const id of ids) {
      const started = Date.now();
      const state = (await (await server.api(`/api/v1/deployments/${id}/verdict`)).json()) as VerdictState;
      expect(state.verdict?.status).toBe("failed");
      expect(Date.now() - started).toBeLessThan(2_000);
    }
    const log = await new Promise<{ deliveries: { state: string; lastError: string | null }[] }>((resolve, reject) => {
      const deadline = Date.now() + 30_000;
      const poll = async () => {
        const body = (await (await server.api("/api/v1/webhooks/deliveries?service=stuck")).json()) as { deliveries: { state: string; lastError: string | null }[] };
        if (body.deliveries.some((d) => d.lastError)) resolve(body);
        else if (Date.now() > deadline) reject(new Error("no delivery attempt recorded"));
        else setTimeout(poll, 500);
      };
      void poll();
    });
    expect(log.deliveries).toHaveLength(5);
    expect(log.deliveries.find((d) => d.lastError)).toMatchObject({ state: "pending", lastError: "no answer within 5 s" });
  }, 60_000);
});
