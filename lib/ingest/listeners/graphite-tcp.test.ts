import { execFileSync } from "node:child_process";
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IngestStats } from "@/lib/ingest/stats";
import type { Store } from "@/lib/store/types";
import { startGraphiteListener } from "./graphite-tcp";
import type { Listener } from "./listen";
import { openThrowawaySqlite } from "@/lib/testing/throwaway-stores";

let store: Store;
let dispose: () => Promise<void>;
let listener: Listener;
let stats: IngestStats;

beforeEach(async () => {
  ({ store, dispose } = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 })));
  stats = new IngestStats();
  listener = await startGraphiteListener({ host: "127.0.0.1", port: 0, ingest: (b) => store.ingest(b), stats, maxBatchLines: 10_000, maxDelayMs: 20 });
});

afterEach(async () => {
  await listener.close();
  await dispose();
});

/** Sends each chunk as its own write, a little apart so they arrive as separate TCP segments. */
async function send(chunks: string[]): Promise<void> {
  const socket = net.connect(listener.port, "127.0.0.1");
  await new Promise<void>((resolve) => socket.once("connect", resolve));
  for (const chunk of chunks) {
    socket.write(chunk);
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise<void>((resolve) => socket.end(resolve));
}

async function until(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the listener");
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function points(metric: string) {
  const row = await store.getMetric(metric);
  return row ? store.rawPoints(row.id, 0, Number.MAX_SAFE_INTEGER) : [];
}

describe("startGraphiteListener", () => {
  it("stores lines, joins lines split across writes and counts malformed ones", async () => {
    await send(["auth.api.latency 12.5 1700000000\nauth.api.lat", "ency 13 1700000010\nnot a valid line at all\n", "auth.api.errors 1 1700000000\nauth.api.errors x 1\n"]);
    await until(() => stats.snapshot().graphite.pointsWritten === 3);

    expect(await points("auth.api.latency")).toEqual([
      [1_700_000_000_000, 12.5],
      [1_700_000_010_000, 13],
    ]);
    expect(await points("auth.api.errors")).toEqual([[1_700_000_000_000, 1]]);
    const graphite = stats.snapshot().graphite;
    expect(graphite).toMatchObject({ accepted: 3, malformed: 2, failedBatches: 0 });
    expect(graphite.recentMalformed.map((m) => m.reason)).toEqual([
      expect.stringMatching(/expected "name value unix_seconds", got 6 field/),
      expect.stringMatching(/value "x" is not a finite number/),
    ]);
  });

  it("keeps a last line sent without a newline", async () => {
    await send(["svc.queue 4 1700000000"]);
    await until(async () => (await points("svc.queue")).length === 1);
  });

  it("batches a large stream and pauses while writing, losing nothing", async () => {
    const lines: string[] = [];
    for (let i = 0; i < 50_000; i++) lines.push(`load.m${i % 50} ${i} ${1_700_000_000 + Math.floor(i / 50)}`);
    const text = lines.join("\n") + "\n";
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 100_003) chunks.push(text.slice(i, i + 100_003));
    await send(chunks);
    await until(() => stats.snapshot().graphite.pointsWritten === 50_000);

    expect(stats.snapshot().graphite.batches).toBeGreaterThanOrEqual(3);
    expect(await points("load.m7")).toHaveLength(1_000);
  });

  it("writes what it gathered on close", async () => {
    const slow = await startGraphiteListener({ host: "127.0.0.1", port: 0, ingest: (b) => store.ingest(b), stats, maxDelayMs: 60_000 });
    const socket = net.connect(slow.port, "127.0.0.1");
    socket.write("late.metric 1 1700000000\n");
    await until(() => stats.snapshot().graphite.accepted === 1);
    await slow.close();
    expect(await points("late.metric")).toEqual([[1_700_000_000_000, 1]]);
  });

  it("on close accepts and reads connections still queued, even when the event loop was busy", async () => {
    // Another process connects, sends and closes while this one is blocked: the connection waits
    // in the accept queue and its lines in the kernel's buffer.
    const script = `import socket\ns = socket.create_connection(("127.0.0.1", ${listener.port}))\ns.sendall(b"".join(b"queued.lines %d %d\\n" % (i, 1700000000 + i) for i in range(1000)))\ns.close()`;
    execFileSync("python3", ["-c", script]);
    const closing = listener.close();
    const busyUntil = Date.now() + 300;
    while (Date.now() < busyUntil);
    await closing;
    expect(await points("queued.lines")).toHaveLength(1_000);
  });

  it("discards an over-long line up to its newline instead of reading its tail as a line", async () => {
    const long = "x".repeat(70_000) + " smuggled.metric 7 1700000000";
    await send([long.slice(0, 30_000), long.slice(30_000) + "\nafter.metric 1 1700000000\n"]);
    await send(["y".repeat(70_000) + " inline.smuggled 7 1700000000\nafter.metric 2 1700000010\n"]);
    await until(async () => (await points("after.metric")).length === 2);
    expect(await store.getMetric("smuggled.metric")).toBeFalsy();
    expect(await store.getMetric("inline.smuggled")).toBeFalsy();
    expect(listener.status()).toMatchObject({ overlongLines: 2 });
  });
});

describe("graphite connection limits", () => {
  it("caps concurrent connections and closes idle ones, counting both", async () => {
    const capped = await startGraphiteListener({ host: "127.0.0.1", port: 0, ingest: (b) => store.ingest(b), stats, maxConnections: 2, idleTimeoutMs: 300 });
    const open = () => {
      const socket = net.connect(capped.port, "127.0.0.1");
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      socket.on("error", () => {});
      return { socket, closed };
    };
    const first = open();
    const second = open();
    await until(() => capped.status().connections === 2);
    const third = open();
    await third.closed;
    expect(capped.status()).toMatchObject({ connections: 2, refusedConnections: 1 });
    // Both idle connections are closed by the server after 300 ms of silence.
    const started = Date.now();
    await Promise.all([first.closed, second.closed]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await until(() => capped.status().connections === 0);
    expect(capped.status()).toMatchObject({ idleClosed: 2, refusedConnections: 1 });
    await capped.close();
  });
});
