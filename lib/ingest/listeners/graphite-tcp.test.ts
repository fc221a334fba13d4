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
});
