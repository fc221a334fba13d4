import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { waitFor } from "@/lib/testing/wait-for";
import { SIGNATURE_HEADER, verifySignature } from "./sign";

const MIN = 60_000;

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A receiver on 127.0.0.1 that answers 500 to the first request on each path, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const status = seen.has(req.url!) ? 200 : 500;
      seen.add(req.url!);
      received.push({ path: req.url!, headers: req.headers, body, answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise((r) => server.close(r)) };
}

describe.skipIf(!appIsBuilt)("webhooks, through the server", () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const now = Date.now();

  beforeAll(async () => {
    [server, receiver] = await Promise.all([startTestServer(), startReceiver()]);
  });
  afterAll(async () => {
    await server?.stop();
    await receiver?.close();
  });

  it("refuses bad webhooks and writes without the admin token", async () => {
    const anonymous = await fetch(`${server.url}/api/v1/webhooks`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: receiver.url }) });
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${server.url}/api/v1/webhooks`)).status).toBe(401);
    const bad = await server.api("/api/v1/webhooks", { method: "POST", json: { url: "ftp://example.com/x", format: "xml", events: ["verdict.exploded"] } });
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { problems: { where: string }[] }).problems.map((p) => p.where);
    expect(problems).toEqual(expect.arrayContaining(["url", "format", "events[0]"]));
  });

  it("delivers a failed verdict and a rollback, signed, retrying after a 500, with a delivery log", async () => {
    const json = await server.api("/api/v1/webhooks", { method: "POST", json: { url: `${receiver.url}/json`, service: "hooked", events: ["verdict.failed", "rollback.recorded"] } });
    expect(json.status).toBe(201);
    const { secret, webhook } = (await json.json()) as { secret: string; webhook: { id: number; secret?: string } };
    expect(secret).toMatch(/^[0-9a-f]{48}$/);
    expect(webhook.secret).toBeUndefined();
    const slack = await server.api("/api/v1/webhooks", { method: "POST", json: { url: `${receiver.url}/slack`, format: "slack", events: ["verdict.failed"] } });
    expect(slack.status).toBe(201);

    const finished = now - 15 * MIN;
    await server.api("/api/v1/services/hooked/criteria", { method: "PUT", json: { windowMinutes: 10, rules: [{ metric: "hooked.errors.rate", agg: "max", below: 1 }] } });
    const series = [{ metric: "hooked.errors.rate", points: Array.from({ length: 600 }, (_, i) => [finished - 10 * MIN + i * 2000, i > 400 ? 3 : 0]) }];
    expect((await server.api("/api/v1/metrics", { method: "POST", json: { series } })).status).toBe(202);
    const created = await server.api("/api/v1/deployments", { method: "POST", json: { service: "hooked", environment: "prod", version: "1.1", startedAt: finished - MIN, finishedAt: finished } });
    const id = ((await created.json()) as { deployment: { id: number } }).deployment.id;
    // Judged on the spot by the verdict endpoint; the job would get there within its 15 s tick as well.
    const state = (await (await server.api(`/api/v1/deployments/${id}/verdict`)).json()) as { verdict: { status: string } };
    expect(state.verdict.status).toBe("failed");
    const rollback = await server.api("/api/v1/deployments", { method: "POST", json: { service: "hooked", environment: "prod", version: "1.0", kind: "rollback", rollbackOf: id, reason: "errors" } });
    expect(rollback.status).toBe(201);

    const delivered = await waitFor("the failed verdict delivered after a retry", async () => {
      const ok = receiver.received.filter((r) => r.path === "/json" && r.answered === 200 && r.headers["x-deploylines-event"] === "verdict.failed");
      return ok.length > 0 ? ok[0] : undefined;
    }, 40_000);
    const attempts = receiver.received.filter((r) => r.path === "/json" && r.headers["x-deploylines-delivery"] === delivered.headers["x-deploylines-delivery"]);
    expect(attempts.map((a) => a.answered)).toEqual([500, 200]);
    const signature = String(delivered.headers[SIGNATURE_HEADER]);
    expect(verifySignature(secret, delivered.body, signature, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature(secret, delivered.body.replace("failed", "healthy"), signature, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifySignature("wrong", delivered.body, signature, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(delivered.body)).toMatchObject({ event: "verdict.failed", service: "hooked", deployment: { id, version: "1.1", verdict: "failed" }, url: `/deployments/${id}` });

    const slackBody = await waitFor("the Slack message", async () => receiver.received.find((r) => r.path === "/slack" && r.answered === 200), 40_000);
    expect(JSON.parse(slackBody.body).text).toContain("hooked 1.1 in prod: verdict failed");

    const rolledBack = await waitFor("the rollback delivered", async () => receiver.received.find((r) => r.path === "/json" && r.headers["x-deploylines-event"] === "rollback.recorded" && r.answered === 200), 40_000);
    expect(JSON.parse(rolledBack.body).text).toContain("hooked in prod rolled back from 1.1 to 1.0: errors");
    const log = (await (await server.api("/api/v1/webhooks/deliveries?service=hooked")).json()) as { deliveries: { event: string; state: string; attempts: number; lastError: string | null }[] };
    const verdictDelivery = log.deliveries.find((d) => d.event === "verdict.failed" && d.state === "delivered");
    expect(verdictDelivery).toMatchObject({ attempts: 2 });
    const page = await (await fetch(`${server.url}/webhooks`)).text();
    expect(page).toContain("Delivery log");
    expect(page).toContain("verdict.failed");
  }, 90_000);
});
