import { afterEach, describe, expect, it } from "vitest";
import { COMPACTION_PAGE } from "@/lib/series/chunks/compact";
import { turnsWhile } from "@/lib/testing/event-loop-turns";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";

const HOUR = 3_600_000;
const SERIES = 3_000;

let throwaway: ThrowawayStore | undefined;
afterEach(async () => throwaway?.dispose());

describe("the SQLite store's jobs over many series", () => {
  it("let the event loop turn while they seal quiet series and retire old points, a transaction per series", async () => {
    throwaway = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    const { store } = throwaway;
    const start = Date.now() - 6 * HOUR;
    // Three hours apart, so every series has a sealed block, and a head block to seal.
    for (let k = 0; k < 3; k++) {
      await store.ingest({ series: Array.from({ length: SERIES }, (_, i) => ({ metric: "jobs.m", labels: { shard: String(i) }, points: [[start + k * 3 * HOUR, k] as [number, number]] })) });
    }
    const compaction = await turnsWhile(() => store.compactHead(Date.now() + 10 * 24 * HOUR));
    expect(compaction.result).toMatchObject({ status: "fulfilled" });
    expect(compaction.turns).toBeGreaterThan(0);
    // Nothing left to seal: the candidates are still read a page at a time, with turns between.
    expect(SERIES).toBeGreaterThan(2 * COMPACTION_PAGE);
    const idle = await turnsWhile(() => store.compactHead(Date.now() + 10 * 24 * HOUR));
    expect(idle.result).toMatchObject({ status: "fulfilled", value: 0 });
    expect(idle.turns).toBeGreaterThan(0);
    const cutoff = Date.now() - HOUR;
    const retention = await turnsWhile(() => store.enforceRetention({ raw: cutoff, "1m": cutoff, "1h": cutoff }));
    expect(retention.result).toMatchObject({ status: "fulfilled", value: { raw: 2 * SERIES } });
    expect(retention.turns).toBeGreaterThan(0);
  });
});
