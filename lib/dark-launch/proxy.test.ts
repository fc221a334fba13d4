import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startShadowProxy, type ShadowProxy, type ShadowProxyOptions } from "./proxy";
import type { DarkLaunchSample } from "./schema";
import { endToEnd, send } from "./testing/http-client";
import { deadUrl, startTestServer, type TestServer } from "./testing/http-servers";

const agent = new http.Agent({ keepAlive: true });
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function server(handler: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
  const s = await startTestServer(handler);
  cleanup.push(() => s.close());
  return s;
}

async function proxy(options: ShadowProxyOptions): Promise<ShadowProxy> {
  const p = await startShadowProxy({ candidateTimeoutMs: 1_000, ...options });
  cleanup.push(() => p.close(100));
  return p;
}

/** A primary with a bit of everything a byte-for-byte check should notice. */
function primaryHandler(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
  res.sendDate = false;
  const id = Number(req.url?.split("/")[2]?.split("?")[0] ?? 0);
  res.writeHead(id === 404 ? 404 : 200, id === 404 ? "Nope" : "OK", [
    "Content-Type", "application/json; charset=utf-8",
    "Date", "Tue, 01 Jul 2025 10:00:00 GMT",
    "X-Primary", "yes",
    "Set-Cookie", "a=1",
    "Set-Cookie", "b=2",
    "Cache-Control", "no-store",
  ]);
  res.end(JSON.stringify({ id, name: `user ${id}`, echo: body.toString() }));
}

const wrongCandidate = (req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(500, { "content-type": "text/html", "x-candidate": "1" }).end("<h1>boom</h1>" + req.url);
};

async function expectSameAnswers(p: ShadowProxy, primary: TestServer): Promise<void> {
  for (const path of ["/users/1", "/users/404?x=1", "/users/7"]) {
    const direct = await send(primary.url, agent, { path });
    const proxied = await send(p.url, agent, { path });
    expect(endToEnd(proxied)).toEqual(endToEnd(direct));
    expect(proxied.body.equals(direct.body)).toBe(true);
  }
}

describe("startShadowProxy", () => {
  it("answers byte for byte as the primary when the candidate is down", async () => {
    const primary = await server(primaryHandler);
    const p = await proxy({ primary: primary.url, candidate: await deadUrl() });
    await expectSameAnswers(p, primary);
    await p.idle();
    expect(p.stats()).toMatchObject({ requests: 3, mirrored: 3, matched: 0, candidateErrors: 3 });
  });

  it("answers fast and unchanged while the candidate takes 2 s", async () => {
    const primary = await server(primaryHandler);
    const candidate = await server((req, res, body) => void setTimeout(() => primaryHandler(req, res, body), 2_000));
    const p = await proxy({ primary: primary.url, candidate: candidate.url, candidateTimeoutMs: 3_000, noise: false });
    const proxied = await send(p.url, agent, { path: "/users/1" });
    expect(proxied.ms).toBeLessThan(500);
    await expectSameAnswers(p, primary);
    await p.idle();
    expect(p.stats()).toMatchObject({ mirrored: 4, matched: 4 });
  });

  it("gives up on a candidate slower than its timeout and reports it as a failure", async () => {
    const primary = await server(primaryHandler);
    const candidate = await server((req, res, body) => void setTimeout(() => primaryHandler(req, res, body), 2_000));
    const samples: DarkLaunchSample[] = [];
    const p = await proxy({ primary: primary.url, candidate: candidate.url, candidateTimeoutMs: 200, onSample: (s) => samples.push(s) });
    expect((await send(p.url, agent, { path: "/users/1" })).status).toBe(200);
    await p.idle();
    expect(samples[0]).toMatchObject({ match: false, candidateStatus: null, candidateMs: null, candidateError: "no answer within 200 ms" });
  });

  it("answers as the primary when the candidate is wrong, and records how it differs", async () => {
    const primary = await server(primaryHandler);
    const candidate = await server(wrongCandidate);
    const samples: DarkLaunchSample[] = [];
    const p = await proxy({ primary: primary.url, candidate: candidate.url, onSample: (s) => samples.push(s) });
    await expectSameAnswers(p, primary);
    await p.idle();
    expect(p.stats()).toMatchObject({ mirrored: 3, matched: 0, mismatched: 3, candidateErrors: 0 });
    expect(samples[1]).toMatchObject({ method: "GET", path: "/users/404", endpoint: "GET /users/:id", primaryStatus: 404, candidateStatus: 500, match: false });
    expect(samples[1].diff?.map((d) => d.path)).toEqual(["status", "headers.content-type", "body"]);
  });

  it("measures the match rate of a candidate wrong on every 4th request", async () => {
    const primary = await server(primaryHandler);
    const candidate = await server((req, res, body) => {
      const id = Number(req.url?.split("/")[2]);
      if (id % 4 === 0) return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id, name: "someone else", echo: "" }));
      primaryHandler(req, res, body);
    });
    const p = await proxy({ primary: primary.url, candidate: candidate.url });
    for (let i = 1; i <= 40; i++) await send(p.url, agent, { path: `/users/${i}` });
    await p.idle();
    const { mirrored, matched } = p.stats();
    expect(mirrored).toBe(40);
    expect(matched / mirrored).toBe(0.75);
  });

  it("does not count ignored fields or learned noise as mismatches", async () => {
    const noisy = (stable: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
      void res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ requestId: Math.random(), items: [{ at: Math.random(), v: 1 }, { at: Math.random(), v: 2 }], data: stable }),
      );
    const primary = await server(noisy("same"));
    const candidate = await server(noisy("same"));
    const withNoise = await proxy({ primary: primary.url, candidate: candidate.url, ignore: ["requestId"] });
    const withoutNoise = await proxy({ primary: primary.url, candidate: candidate.url, ignore: ["requestId"], noise: false });
    for (let i = 0; i < 10; i++) {
      await send(withNoise.url, agent, { path: "/feed" });
      await send(withoutNoise.url, agent, { path: "/feed" });
    }
    await Promise.all([withNoise.idle(), withoutNoise.idle()]);
    expect(withNoise.stats()).toMatchObject({ mirrored: 10, matched: 10, noise: { "GET /feed": ["$.items[*].at"] } });
    expect(withNoise.stats().noiseProbes).toBeGreaterThanOrEqual(3);
    expect(withoutNoise.stats()).toMatchObject({ mirrored: 10, matched: 0 });
  });

  it("still catches real differences beside learned noise", async () => {
    const primary = await server((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ at: Math.random(), v: 1 })));
    const candidate = await server((_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ at: Math.random(), v: 2 })));
    const samples: DarkLaunchSample[] = [];
    const p = await proxy({ primary: primary.url, candidate: candidate.url, onSample: (s) => samples.push(s) });
    for (let i = 0; i < 5; i++) await send(p.url, agent, { path: "/x" });
    await p.idle();
    expect(p.stats().matched).toBe(0);
    expect(samples.at(-1)?.diff).toEqual([{ path: "$.v", primary: 1, candidate: 2 }]);
  });

  it("mirrors only the sampled share of requests", async () => {
    const primary = await server(primaryHandler);
    const candidate = await server(primaryHandler);
    let roll = 0;
    const p = await proxy({ primary: primary.url, candidate: candidate.url, sampleRate: 0.25, noise: false, random: () => [0.1, 0.3, 0.6, 0.9][roll++ % 4] });
    for (let i = 0; i < 40; i++) await send(p.url, agent, { path: `/users/${i}` });
    await p.idle();
    expect(p.stats()).toMatchObject({ requests: 40, mirrored: 10, matched: 10 });
    expect(primary.requests).toBe(40);
    expect(candidate.requests).toBe(10);
  });

  it("mirrors writes only when asked, with the same body and a shadow marker", async () => {
    const primary = await server(primaryHandler);
    const seen: { method?: string; body: string; shadow?: string }[] = [];
    const candidate = await server((req, res, body) => {
      seen.push({ method: req.method, body: body.toString(), shadow: req.headers["x-deploylines-shadow"] as string | undefined });
      primaryHandler(req, res, body);
    });
    const reads = await proxy({ primary: primary.url, candidate: candidate.url, noise: false });
    const writes = await proxy({ primary: primary.url, candidate: candidate.url, noise: false, mirrorWrites: true });
    const body = JSON.stringify({ name: "ada" });
    const answer = await send(reads.url, agent, { method: "POST", path: "/users/5", body, headers: { "content-type": "application/json" } });
    expect(JSON.parse(answer.body.toString())).toEqual({ id: 5, name: "user 5", echo: body });
    await reads.idle();
    expect(seen).toEqual([]);
    for (const method of ["POST", "PATCH", "DELETE"]) await send(writes.url, agent, { method, path: "/users/5", body });
    await writes.idle();
    expect(seen).toEqual(["POST", "PATCH", "DELETE"].map((method) => ({ method, body, shadow: "1" })));
    expect(writes.stats()).toMatchObject({ mirrored: 3, matched: 3 });
  });

  it("passes large bodies through without mirroring them", async () => {
    const primary = await server((_req, res, body) => void res.writeHead(200, { "content-type": "application/octet-stream" }).end(body));
    const candidate = await server(primaryHandler);
    const p = await proxy({ primary: primary.url, candidate: candidate.url, mirrorWrites: true, maxBodyBytes: 1024 });
    const big = Buffer.alloc(256 * 1024, 7);
    const answer = await send(p.url, agent, { method: "PUT", path: "/blob", body: big });
    expect(answer.body.equals(big)).toBe(true);
    await p.idle();
    expect(p.stats()).toMatchObject({ mirrored: 0, skipped: 1 });
    expect(candidate.requests).toBe(0);
  });

  it("answers 502 when the primary is down", async () => {
    const p = await proxy({ primary: await deadUrl(), candidate: await deadUrl() });
    expect((await send(p.url, agent, { path: "/" })).status).toBe(502);
  });

  it("buffers samples while the report target is down and counts the ones it drops", async () => {
    const primary = await server(primaryHandler);
    const target = await deadUrl();
    const report = async (samples: DarkLaunchSample[]) => {
      const res = await fetch(`${target}/api/v1/dark-launches/auth/samples`, { method: "POST", body: JSON.stringify({ samples }) });
      if (!res.ok) throw new Error(String(res.status));
    };
    const p = await startShadowProxy({ primary: primary.url, candidate: primary.url, noise: false, report, reporter: { batchSize: 5, maxBuffered: 10, retryBaseMs: 5, retryMaxMs: 10 } });
    for (let i = 0; i < 30; i++) expect((await send(p.url, agent, { path: `/users/${i}` })).status).toBe(200);
    await p.idle();
    const stats = p.stats();
    expect(stats).toMatchObject({ mirrored: 30, reported: 0 });
    expect(stats.buffered).toBeLessThanOrEqual(15);
    expect(stats.dropped).toBe(30 - stats.buffered);
    expect(stats.failures).toBeGreaterThan(0);
    await p.close(50);
    expect(p.stats()).toMatchObject({ reported: 0, dropped: 30, buffered: 0 });
  });
});
