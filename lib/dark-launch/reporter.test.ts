import { afterEach, describe, expect, it } from "vitest";
import { createSampleReporter, samplesSender } from "./reporter";
import type { DarkLaunchSample } from "./schema";
import { deadUrl, startTestServer, type TestServer } from "./testing/http-servers";

const sample = (ts: number): DarkLaunchSample => ({
  ts,
  method: "GET",
  path: `/users/${ts}`,
  primaryStatus: 200,
  candidateStatus: 200,
  match: true,
  primaryMs: 1,
  candidateMs: 2,
  candidateError: null,
  diff: null,
});

const poster = (base: string) => async (path: string, body: unknown) => {
  const res = await fetch(`${base}${path}`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${res.status}`);
};

let target: TestServer | undefined;
afterEach(async () => {
  await target?.close();
  target = undefined;
});

describe("createSampleReporter", () => {
  it("posts batches to the samples endpoint every N samples", async () => {
    const received: { url?: string; auth?: string; body: { candidateVersion?: string; samples: DarkLaunchSample[] } }[] = [];
    target = await startTestServer((req, res, body) => {
      received.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(body.toString()) });
      res.writeHead(202).end("{}");
    });
    const reporter = createSampleReporter({ send: samplesSender(poster(target.url), "auth", "v2"), batchSize: 3, flushMs: 60_000 });
    for (let i = 0; i < 7; i++) reporter.add(sample(i));
    await reporter.close();
    expect(received.map((r) => r.body.samples.length)).toEqual([3, 3, 1]);
    expect(received[0]).toMatchObject({ url: "/api/v1/dark-launches/auth/samples", auth: "Bearer t", body: { candidateVersion: "v2" } });
    expect(reporter.stats()).toMatchObject({ reported: 7, dropped: 0, buffered: 0 });
  });

  it("keeps a bounded buffer while the server is down and counts what it drops", async () => {
    const reporter = createSampleReporter({ send: samplesSender(poster(await deadUrl()), "auth"), batchSize: 10, maxBuffered: 25, retryBaseMs: 5, retryMaxMs: 20, flushMs: 10 });
    for (let i = 0; i < 40; i++) reporter.add(sample(i));
    await reporter.flush();
    await new Promise((r) => setTimeout(r, 100));
    const stats = reporter.stats();
    expect(stats).toMatchObject({ reported: 0, dropped: 15, buffered: 25 });
    expect(stats.failures).toBeGreaterThan(1);
    expect(stats.lastError).toBeTruthy();
    await reporter.close(50);
    expect(reporter.stats()).toMatchObject({ reported: 0, dropped: 40, buffered: 0 });
  });

  it("delivers what it buffered once the server is back, oldest dropped first", async () => {
    let up = false;
    const seen: number[] = [];
    target = await startTestServer((_req, res, body) => {
      if (!up) return void res.writeHead(503).end();
      seen.push(...JSON.parse(body.toString()).samples.map((s: DarkLaunchSample) => s.ts));
      res.writeHead(202).end();
    });
    const reporter = createSampleReporter({ send: samplesSender(poster(target.url), "auth"), batchSize: 5, maxBuffered: 10, retryBaseMs: 5, retryMaxMs: 10, flushMs: 60_000 });
    for (let i = 0; i < 12; i++) reporter.add(sample(i));
    await reporter.flush();
    up = true;
    await reporter.close(2_000);
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(reporter.stats()).toMatchObject({ reported: 10, dropped: 2, buffered: 0 });
  });
});
