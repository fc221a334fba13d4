import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appIsBuilt } from "@/lib/testing/built-app";
import { whileProbingHealth } from "@/lib/testing/responsiveness";
import { freePort, startTestServer, type TestServer } from "@/lib/testing/server";
import { pickleFrame, pointsOf, sendStatsd, sendTcp } from "./listener-clients";

// The listeners as an attacker or a careless sender meets them, on a started server: a flood
// of unique StatsD names, an over-long Graphite line, too many and idle connections, hostile
// pickle frames. Each case asserts the answer, that health stayed responsive, and that what was
// accepted was stored.
let server: TestServer;
let graphite: number;
let pickle: number;
let statsd: number;
const MAX_CONNECTIONS = 20;

beforeAll(async () => {
  if (!appIsBuilt) return;
  [graphite, pickle, statsd] = [await freePort(), await freePort(), await freePort()];
  server = await startTestServer({
    DEPLOYLINES_GRAPHITE_PORT: String(graphite),
    DEPLOYLINES_PICKLE_PORT: String(pickle),
    DEPLOYLINES_STATSD_PORT: String(statsd),
    DEPLOYLINES_STATSD_FLUSH: "1s",
    DEPLOYLINES_GRAPHITE_MAX_CONNECTIONS: String(MAX_CONNECTIONS),
    DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT: "1s",
  });
});
afterAll(async () => {
  await server?.stop();
});

type Counters = Record<string, number>;
async function status(): Promise<{ sources: Record<string, { accepted: number; batches: number; pointsWritten: number; malformed: number }>; listeners: Record<string, { counters: Counters }> }> {
  return (await fetch(`${server.url}/api/v1/ingest/status`)).json();
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!appIsBuilt)("StatsD under a flood of unique names", () => {
  it("holds at most DEPLOYLINES_STATSD_MAX_NAMES names, counts what it refused, forgets idle names, and health stays responsive", async () => {
    const NAMES = 200_000;
    const PER_PACKET = 50;
    const packets = Array.from({ length: NAMES / PER_PACKET }, (_, p) =>
      Array.from({ length: PER_PACKET }, (_, i) => `flood.n${p * PER_PACKET + i}:1|c`).join("\n"),
    );
    const before = await status();
    const startedAt = Date.now();
    const { health } = await whileProbingHealth(server.url, async () => {
      await sendStatsd(statsd, packets);
      // The flood is written (bounded) and then, a flush later, its idle names are forgotten.
      await until("the flood's names forgotten", async () => ((await status()).listeners.statsd.counters.names === 0 ? true : undefined));
      await new Promise((r) => setTimeout(r, 1_200));
    });
    expect(health.failures).toBe(0);
    expect(health.p99Ms).toBeLessThan(3_000);

    const after = await status();
    const counters = after.listeners.statsd.counters;
    expect(counters.maxNames).toBe(10_000);
    expect(counters.refusedSamples).toBeGreaterThan(0);
    // Every sample sent is accounted for: accepted, refused by the bound, or dropped by the kernel.
    const accepted = after.sources.statsd.accepted - before.sources.statsd.accepted;
    expect(accepted + counters.refusedSamples + counters.kernelDrops * PER_PACKET).toBe(NAMES);
    // Two points (count, rate) per name per flush, and at most 10k names per flush: the number
    // of flushes that wrote anything bounds the points.
    const points = after.sources.statsd.pointsWritten - before.sources.statsd.pointsWritten;
    expect(points).toBe(accepted * 2);
    expect(accepted).toBeLessThanOrEqual(10_000 * Math.ceil((Date.now() - startedAt) / 1_000 + 1));

    // Nothing more arrives: no flush writes the flood's names again as zeros.
    expect(counters.names).toBe(0);
    await new Promise((r) => setTimeout(r, 2_200));
    expect((await status()).sources.statsd.batches).toBe(after.sources.statsd.batches);

    const page = await (await fetch(`${server.url}/ingest`)).text();
    expect(page).toMatch(new RegExp(`data-counter="refusedSamples"[^>]*>${counters.refusedSamples.toLocaleString("en-US")}<`));
  });
});

describe.skipIf(!appIsBuilt)("Graphite plaintext", () => {
  it("discards an over-long line up to its newline: its tail is not stored as a metric", async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = (await status()).listeners.graphite.counters.overlongLines;
    await sendTcp(graphite, `${"x".repeat(70_000)} smuggled.metric 7 ${now}\nafter.smuggling 1 ${now}\n`);
    await until("the line after the long one", async () => ((await pointsOf(server.url, "after.smuggling")).length === 1 ? true : undefined));
    expect(await pointsOf(server.url, "smuggled.metric")).toEqual([]);
    const names = (await (await fetch(`${server.url}/api/v1/metrics?match=smuggled.*`)).json()) as unknown;
    expect(JSON.stringify(names)).not.toContain("smuggled.metric");
    expect((await status()).listeners.graphite.counters.overlongLines).toBe(before + 1);
  });

  it("refuses connections beyond the cap and closes idle ones, counting both, while health stays responsive", async () => {
    const open = () => {
      const socket = net.connect(graphite, "127.0.0.1");
      socket.on("error", () => {});
      return { socket, closed: new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now()))) };
    };
    const before = (await status()).listeners.graphite.counters;
    const openedAt = Date.now();
    const { result: sockets, health } = await whileProbingHealth(server.url, async () => {
      const held = Array.from({ length: MAX_CONNECTIONS }, open);
      await until("the capped connections", async () => ((await status()).listeners.graphite.counters.connections === MAX_CONNECTIONS ? true : undefined));
      const extra = Array.from({ length: 200 }, open);
      await Promise.all(extra.map((s) => s.closed));
      return held;
    });
    expect(health.failures).toBe(0);
    expect(health.p99Ms).toBeLessThan(3_000);
    const mid = (await status()).listeners.graphite.counters;
    expect(mid.refusedConnections - before.refusedConnections).toBe(200);

    // The server closes the held connections after DEPLOYLINES_GRAPHITE_IDLE_TIMEOUT (1 s) of silence, not before.
    const closedAt = await Promise.all(sockets.map((s) => s.closed));
    expect(Math.min(...closedAt) - openedAt).toBeGreaterThanOrEqual(900);
    const after = await until("idle connections closed", async () => {
      const counters = (await status()).listeners.graphite.counters;
      return counters.connections === 0 ? counters : undefined;
    });
    expect(after.idleClosed - before.idleClosed).toBe(MAX_CONNECTIONS);
  });
});

describe.skipIf(!appIsBuilt)("Graphite pickle", () => {
  const frame = (payload: Buffer) => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(payload.length);
    return Buffer.concat([header, payload]);
  };

  it("stores carbon clients' frames of protocol 0, 1 and 2", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const protocol of [0, 1, 2]) {
      await sendTcp(pickle, pickleFrame([[`pickled.p${protocol}`, [now - 10, 1.5]], [`pickled.p${protocol}`, [now, 2.5]]], protocol));
    }
    for (const protocol of [0, 1, 2]) {
      const points = await until(`pickled.p${protocol}`, async () => {
        const found = await pointsOf(server.url, `pickled.p${protocol}`);
        return found.length === 2 ? found : undefined;
      });
      expect(points).toEqual([
        [(now - 10) * 1000, 1.5],
        [now * 1000, 2.5],
      ]);
    }
  });

  it("skips hostile and malformed frames without running them, and keeps reading the connection", async () => {
    const now = Math.floor(Date.now() / 1000);
    const marker = path.join(os.tmpdir(), `deploylines-pwned-${process.pid}`);
    const exploit = Buffer.from(`cos\nsystem\n(S'touch ${marker}'\ntR.`, "latin1");
    const before = (await status()).listeners.pickle.counters;
    await sendTcp(pickle, Buffer.concat([frame(exploit), frame(Buffer.from("garbage")), pickleFrame([["pickled.after.hostile", [now, 7]]])]));
    await until("the frame after the hostile ones", async () => ((await pointsOf(server.url, "pickled.after.hostile")).length === 1 ? true : undefined));
    expect(fs.existsSync(marker)).toBe(false);
    expect((await status()).listeners.pickle.counters.malformedFrames - before.malformedFrames).toBe(2);
  });

  it("closes a connection announcing a frame over 1 MiB without buffering it", async () => {
    const before = (await status()).listeners.pickle.counters;
    const socket = net.connect(pickle, "127.0.0.1");
    socket.on("error", () => {});
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    const header = Buffer.alloc(4);
    header.writeUInt32BE(2 ** 31);
    socket.write(Buffer.concat([header, Buffer.alloc(64 * 1024)]));
    await closed;
    expect((await status()).listeners.pickle.counters.oversizedFrames - before.oversizedFrames).toBe(1);
  });
});
