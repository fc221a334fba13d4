import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processTreeRssMb } from "@/bench/app/server-memory";
import { startTestServer, type TestServer } from "@/lib/testing/server";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { ingestWhile, storedTimestamps, upload } from "./attack";

const HEALTH_MAX_MS = 2_000;
const MB = 1024 * 1024;
/** The test server's ingest limit: small, so crossing it is quick. */
const INGEST_MAX_BYTES = 1 * MB;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ DEPLOYLINES_INGEST_MAX_BYTES: String(INGEST_MAX_BYTES) });
  // Load the routes once, so the first attack measures the server, not its first-request warm-up.
  await fetch(`${server.url}/api/v1/session`, { method: "POST", headers: { origin: server.url }, body: "{}" });
  await server.api("/api/v1/metrics", { method: "POST", json: { series: [{ metric: "warm.up", points: [[Date.now(), 1]] }] } });
});
afterAll(async () => server?.stop());

/** Runs `attack` while sampling the server's RSS; answers the attack's result and the peak growth in MB. */
async function peakRssGrowth<T>(attack: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = processTreeRssMb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, processTreeRssMb(server.pid))), 20);
  try {
    const result = await attack();
    return { result, growthMb: Math.max(peak, processTreeRssMb(server.pid)) - before };
  } finally {
    clearInterval(sampler);
  }
}

describe("adversarial bodies", () => {
  it("refuses a 300 MB sign-in body after a few KB, without a token and without growing", async () => {
    const headers = { origin: server.url, "content-type": "application/json" };
    const { result, health } = await whileProbingHealth(server.url, () =>
      peakRssGrowth(() => Promise.all(Array.from({ length: 4 }, () => upload(server.url, "/api/v1/session", { headers, totalBytes: 300 * MB })))),
    );
    for (const answer of result.result) {
      // 413, or (a race of the close with our writes) the connection cut before the answer was read.
      expect([413, 0]).toContain(answer.status);
      if (answer.status === 413) expect(JSON.parse(answer.body).error).toMatch(/request body too large: .* at most 4096 bytes/);
      // The client was stopped long before it had sent 300 MB.
      expect(answer.bytesSent).toBeLessThan(100 * MB);
    }
    expect(result.growthMb).toBeLessThan(200);
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
  });

  it("refuses a declared Content-Length over the limit before reading anything", async () => {
    const answer = await upload(server.url, "/api/v1/session", { headers: { origin: server.url }, totalBytes: 300 * MB, contentLength: 300 * MB });
    expect([413, 0]).toContain(answer.status);
    if (answer.status === 413) expect(JSON.parse(answer.body).error).toContain(`${300 * MB} bytes sent, at most 4096 bytes`);
    expect(answer.bytesSent).toBeLessThan(100 * MB);
  });

  it.each([
    ["PUT", "/api/v1/services/auth/criteria"],
    ["PUT", "/api/v1/services/auth/settings"],
    ["PUT", "/api/v1/retention"],
    ["PUT", "/api/v1/environments"],
    ["POST", "/api/v1/builds"],
    ["POST", "/api/v1/deployments"],
    ["PATCH", "/api/v1/deployments/1"],
    ["POST", "/api/v1/deployments/1/rollback"],
    ["PUT", "/api/v1/dark-launches/auth/criteria"],
    ["POST", "/events"],
    ["POST", "/api/annotations"],
  ])("answers %s %s with a 2 MB body 413 at a few hundred KB", async (method, pathname) => {
    const answer = await upload(server.url, pathname, { method, headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" }, totalBytes: 2 * MB });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: expect.stringContaining("at most 262144 bytes"), problems: [{ where: "body" }] });
  });

  it("stops an ingest body as soon as it crosses DEPLOYLINES_INGEST_MAX_BYTES, while other ingest goes on unharmed", async () => {
    const headers = { authorization: `Bearer ${server.token}`, "content-type": "text/plain" };
    const attack = () => Promise.all(Array.from({ length: 4 }, () => upload(server.url, "/api/v1/metrics", { headers, totalBytes: 300 * MB, fill: "1" })));
    const { result, health } = await whileProbingHealth(server.url, () => peakRssGrowth(() => ingestWhile(server, "bodies.witness", attack())));
    // Each upload is stopped early. The 413 goes out after a bounded linger; a client that keeps
    // writing past it can still meet the close before it reads the answer (status 0, a reset), as
    // with nginx's lingering close — on a loaded machine that happened to one of the four.
    const answers = result.result.result;
    for (const answer of answers) {
      expect([413, 0]).toContain(answer.status);
      if (answer.status === 413) expect(JSON.parse(answer.body).error).toContain(`at most ${INGEST_MAX_BYTES} bytes`);
      expect(answer.bytesSent).toBeLessThan(100 * MB);
    }
    expect(answers.some((a) => a.status === 413)).toBe(true);
    expect(result.growthMb).toBeLessThan(200);
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
    const { acknowledged } = result.result;
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(await storedTimestamps(server, "bodies.witness")).toEqual(expect.arrayContaining(acknowledged));
  });

  it("parses and writes worst-case ingest bodies just under the limit on the workers, eight at once, while health and other ingest go on", async () => {
    const post = (body: string, type: string) => server.api("/api/v1/metrics", { method: "POST", body, headers: { "content-type": type } }).then(async (res) => ({ status: res.status, body: await res.json() }));
    const base = Math.floor(Date.now() / 1000) - 3_600;
    // Nested a million levels deep; and tens of thousands of distinct series of one point each.
    const nested = `{"series":[{"metric":"deep.m","points":${"[".repeat(INGEST_MAX_BYTES - 100)}}]}`;
    const manySeries = Array.from({ length: 25_000 }, (_, i) => `wide.m;k=v${i} 1 ${base}`).join("\n");
    for (const body of [nested, manySeries]) expect(body.length).toBeLessThan(INGEST_MAX_BYTES);
    const attack = () => Promise.all([...Array.from({ length: 4 }, () => post(nested, "application/json")), ...Array.from({ length: 4 }, () => post(manySeries, "text/plain"))]);
    const { result, health } = await whileProbingHealth(server.url, () => ingestWhile(server, "bodies.parsed.witness", attack()));
    for (const answer of result.result.slice(0, 4)) {
      expect(answer.status).toBe(400);
      expect(answer.body.problems).toEqual([{ where: "body", message: expect.any(String) }]);
    }
    // Busy answers (503, retry) are allowed; nothing else, and the batches that were taken hold every series.
    const taken = result.result.slice(4).filter((answer) => answer.status === 202);
    expect(result.result.slice(4).every((answer) => answer.status === 202 || answer.status === 503)).toBe(true);
    expect(taken.length).toBeGreaterThan(0);
    for (const answer of taken) expect(answer.body).toMatchObject({ series: 25_000, points: 25_000 });
    expect(health.maxMs).toBeLessThan(HEALTH_MAX_MS);
    expect(result.acknowledged.length).toBeGreaterThan(0);
    expect(await storedTimestamps(server, "bodies.parsed.witness")).toEqual(expect.arrayContaining(result.acknowledged));
    // Parsed and written off the event loop, by the bundled workers.
    expect(server.log()).not.toContain("ingest-parsing worker");
    expect(server.log()).not.toContain("SQLite write worker");
  });

  it("refuses oversized dark-launch samples the same way, and takes a batch under the limit", async () => {
    const headers = { authorization: `Bearer ${server.token}`, "content-type": "application/json" };
    const over = await upload(server.url, "/api/v1/dark-launches/auth/samples", { headers, totalBytes: 50 * MB });
    // 413, or (the server closing while we still write) the connection cut before the answer was read.
    expect([413, 0]).toContain(over.status);
    if (over.status === 413) expect(JSON.parse(over.body).error).toContain(`at most ${INGEST_MAX_BYTES} bytes`);
    expect(over.bytesSent).toBeLessThan(10 * MB);
    const base = Math.floor(Date.now() / 1000) - 30_000;
    const lines = Array.from({ length: 20_000 }, (_, i) => `big.batch.m${i % 100} ${i} ${base + i}`).join("\n");
    expect(lines.length).toBeLessThan(INGEST_MAX_BYTES);
    const ok = await server.api("/api/v1/metrics", { method: "POST", body: lines, headers: { "content-type": "text/plain" } });
    expect(ok.status).toBe(202);
    expect((await ok.json()).points).toBe(20_000);
  });
});
