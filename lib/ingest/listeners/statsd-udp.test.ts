import { execFileSync } from "node:child_process";
import dgram from "node:dgram";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IngestStats } from "@/lib/ingest/stats";
import type { Store } from "@/lib/store/types";
import type { Listener } from "./listen";
import { startStatsdListener } from "./statsd-udp";
import { openThrowawaySqlite } from "@/lib/testing/throwaway-stores";

let store: Store;
let dispose: () => Promise<void>;
let stats: IngestStats;
let client: dgram.Socket;

beforeEach(async () => {
  ({ store, dispose } = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 })));
  stats = new IngestStats();
  client = dgram.createSocket("udp4");
});

afterEach(async () => {
  client.close();
  await dispose();
});

function send(port: number, packet: string): Promise<void> {
  return new Promise((resolve, reject) => client.send(packet, port, "127.0.0.1", (error) => (error ? reject(error) : resolve())));
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the listener");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function values(metric: string): Promise<number[]> {
  const row = await store.getMetric(metric);
  if (!row) return [];
  return (await store.rawPoints(row.id, 0, Number.MAX_SAFE_INTEGER)).map(([, value]) => value);
}

describe("startStatsdListener", () => {
  let listener: Listener;

  it("aggregates packets and writes them on close", async () => {
    listener = await startStatsdListener({ host: "127.0.0.1", port: 0, flushMs: 60_000, ingest: (b) => store.ingest(b), stats });
    await send(listener.port, "auth.logins:1|c\nauth.logins:1|c|@0.5\nauth.queue:7|g");
    await send(listener.port, "auth.latency:10|ms\nauth.latency:30|ms\nauth.latency:20|ms\nauth.users:ann|s\nauth.users:bob|s");
    await send(listener.port, "broken\nauth.logins:x|c\nauth.queue:+3|g");
    await until(() => stats.snapshot().statsd.accepted === 9);
    await listener.close();

    expect(await values("auth.logins.count")).toEqual([3]);
    expect(await values("auth.logins.rate")).toEqual([0.05]);
    expect(await values("auth.queue")).toEqual([10]);
    expect(await values("auth.latency.mean")).toEqual([20]);
    expect(await values("auth.latency.timer.count")).toEqual([3]);
    expect(await values("auth.latency.upper_90")).toEqual([30]);
    expect(await values("auth.latency.p90")).toEqual([30]);
    expect(await values("auth.users.count")).toEqual([2]);
    expect((await store.getMetric("auth.latency.upper"))?.kind).toBe("timer");
    expect((await store.getMetric("auth.logins.rate"))?.kind).toBe("counter");
    const statsd = stats.snapshot().statsd;
    expect(statsd).toMatchObject({ accepted: 9, malformed: 2, batches: 1, failedBatches: 0 });
    expect(statsd.recentMalformed[1].reason).toMatch(/line 2: .*not a number/);
  });

  it("flushes on its interval and writes only the names that received samples", async () => {
    listener = await startStatsdListener({ host: "127.0.0.1", port: 0, flushMs: 50, ingest: (b) => store.ingest(b), stats });
    await send(listener.port, "jobs.done:4|c\njobs.depth:5|g");
    await until(() => stats.snapshot().statsd.batches === 1);
    await new Promise((r) => setTimeout(r, 200));
    await send(listener.port, "jobs.done:2|c");
    await until(() => stats.snapshot().statsd.batches === 2);
    await listener.close();

    expect(await values("jobs.done.count")).toEqual([4, 2]);
    expect(await values("jobs.depth")).toEqual([5]);
    expect(stats.snapshot().statsd.batches).toBe(2);
  });

  it("refuses names beyond its bound, counts them, and reports its receive buffer and kernel drops", async () => {
    listener = await startStatsdListener({ host: "127.0.0.1", port: 0, flushMs: 60_000, maxNames: 100, recvBufferBytes: 1 << 20, ingest: (b) => store.ingest(b), stats });
    await send(listener.port, Array.from({ length: 150 }, (_, i) => `many.n${i}:1|c`).join("\n"));
    await until(() => listener.status().refusedSamples === 50);
    const status = listener.status();
    expect(status).toMatchObject({ names: 100, maxNames: 100, refusedSamples: 50 });
    expect(status.recvBufferBytes).toBeGreaterThanOrEqual(1 << 20);
    if (process.platform === "linux") expect(status.kernelDrops).toBe(0);
    await listener.close();
    expect(await values("many.n99.count")).toEqual([1]);
    expect(await store.getMetric("many.n100.count")).toBeFalsy();
  });

  it("on close reads every datagram still queued, even when the event loop was busy", async () => {
    listener = await startStatsdListener({ host: "127.0.0.1", port: 0, flushMs: 60_000, ingest: (b) => store.ingest(b), stats });
    // Sent by another process while this one is blocked, so all 100 wait in the kernel's queue.
    const script = `import socket\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\nfor i in range(100): s.sendto(b"queued.hits:1|c", ("127.0.0.1", ${listener.port}))`;
    execFileSync("python3", ["-c", script]);
    const closing = listener.close();
    // A request handled synchronously for 300 ms while the shutdown waits for quiet.
    const busyUntil = Date.now() + 300;
    while (Date.now() < busyUntil);
    await closing;
    expect(await values("queued.hits.count")).toEqual([100]);
  });
});
