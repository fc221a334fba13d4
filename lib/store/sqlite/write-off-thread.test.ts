import fs from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { packBatch } from "@/lib/ingest/packed-batch";
import type { IngestBatch } from "@/lib/ingest/schema";
import { turnsWhile } from "@/lib/testing/event-loop-turns";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { SeriesLimitError } from "../series-limit";
import type { Store } from "../types";
import { SqliteStore } from "./sqlite-store";
import { OFF_THREAD_WRITE_MIN_COST, writeCost } from "./write-off-thread";

const T = 1_795_000_000_000;
const cutoffs = () => ({ raw: 0, "1m": 0, "1h": 0 });
const KEY = Symbol.for("deploylines.sqliteWriteWorker");

/** 2,000 small series entries (1,500 series: names repeat, half are labelled) and one long series, over hours from `t0`. */
function wideBatch(t0: number, value: number): IngestBatch {
  const series: IngestBatch["series"] = Array.from({ length: 2_000 }, (_, i) => ({
    metric: `wide.m${i % 500}`,
    ...(i >= 1_000 ? { labels: { shard: String(i) } } : {}),
    points: Array.from({ length: 5 }, (_, j) => [t0 + j * 600_000 + i, value + i + j] as [number, number]),
  }));
  series.push({ metric: "long.series", kind: "counter", unit: "ms", points: Array.from({ length: 30_000 }, (_, j) => [t0 + j * 1_000, value * j] as [number, number]) });
  return { series };
}

/** Everything stored, per series: kind, unit, last point, raw points and both rollups. */
async function contents(store: Store) {
  const rows = await store.metricsNamed(await store.listMetricNames());
  const all = await Promise.all(
    rows.map(async (m) => ({
      series: `${m.name}{${m.labels}}`,
      kind: m.kind,
      unit: m.unit,
      lastTs: m.lastTs,
      lastValue: m.lastValue,
      raw: await store.rawPoints(m.id, 0, Number.MAX_SAFE_INTEGER),
      minutes: await store.rollups(m.id, "1m", 0, Number.MAX_SAFE_INTEGER),
      hours: await store.rollups(m.id, "1h", 0, Number.MAX_SAFE_INTEGER),
    })),
  );
  return all.sort((a, b) => a.series.localeCompare(b.series));
}

/** The descriptors this process holds open on `file` (the store's connection, the write worker's). */
function openDescriptors(file: string): number {
  return fs.readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

let stores: ThrowawayStore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(stores.map((s) => s.dispose()));
  stores = [];
});

async function fileStore(options: { maxSeries?: number } = {}): Promise<Store> {
  const throwaway = await openThrowawaySqlite(cutoffs, options);
  stores.push(throwaway);
  return throwaway.store;
}

describe("writing large batches on the SQLite write worker", () => {
  it("stores what a write on this thread stores, new series, appends and rewrites alike, while this thread goes on", async () => {
    const errors = vi.spyOn(console, "error");
    const onWorker = await fileStore();
    const here = SqliteStore.open(":memory:", { cutoffs });
    try {
      // Then a batch over the same series that rewrites some points and adds later ones.
      for (const batch of [wideBatch(T, 1), wideBatch(T + 1_800_000, 7)]) {
        expect(writeCost(batch)).toBeGreaterThanOrEqual(OFF_THREAD_WRITE_MIN_COST);
        const { turns, result } = await turnsWhile(() => onWorker.ingest(batch));
        expect(result).toEqual({ status: "fulfilled", value: await here.ingest(batch) });
        expect(turns).toBeGreaterThan(0);
      }
      expect(await contents(onWorker)).toEqual(await contents(here));
    } finally {
      await here.close();
    }
    expect(errors).not.toHaveBeenCalled();
  });

  it("takes a packed batch (from the parse worker) as it is, copying its points, so a failed worker still leaves them to write here", async () => {
    const onWorker = await fileStore();
    const fallback = await fileStore();
    const here = SqliteStore.open(":memory:", { cutoffs });
    const holder = globalThis as { [key: symbol]: unknown };
    const worker = holder[KEY];
    try {
      const packed = packBatch(wideBatch(T, 1));
      expect(await onWorker.ingest(packed)).toEqual(await here.ingest(wideBatch(T, 1)));
      // Still whole: its buffer was copied to the worker, not moved.
      expect(packed.points).toHaveLength(2 * 40_000);
      holder[KEY] = { alive: true, ask: () => Promise.reject(new Error("it exited with code 1")) };
      expect(await fallback.ingest(packed)).toMatchObject({ series: 2_001, points: 40_000 });
      expect(await contents(onWorker)).toEqual(await contents(here));
      expect(await contents(fallback)).toEqual(await contents(here));
    } finally {
      holder[KEY] = worker;
      await here.close();
    }
  });

  it("writes a small batch on this thread, at once", async () => {
    const store = await fileStore();
    const small: IngestBatch = { series: [{ metric: "small.m", points: [[T, 1]] }] };
    expect(writeCost(small)).toBeLessThan(OFF_THREAD_WRITE_MIN_COST);
    expect(await turnsWhile(() => store.ingest(small))).toMatchObject({ turns: 0, result: { status: "fulfilled" } });
  });

  it("refuses a batch past the series limit whole, as a write on this thread does", async () => {
    const store = await fileStore({ maxSeries: 1_500 });
    await store.ingest({ series: [{ metric: "before.m", points: [[T, 1]] }] });
    const attempt = store.ingest(wideBatch(T, 1));
    await expect(attempt).rejects.toSatisfy(SeriesLimitError.is);
    await expect(attempt).rejects.toMatchObject({ limit: 1_500, wouldBe: 1_502 });
    expect(await store.listMetricNames()).toEqual(["before.m"]);
  });

  it("writes the batch on this thread when the worker is gone or fails under it", async () => {
    const store = await fileStore();
    const holder = globalThis as { [key: symbol]: unknown };
    const worker = holder[KEY];
    const failing = { alive: true, ask: vi.fn(() => Promise.reject(new Error("it exited with code 1"))) };
    // Gone before the request (failed to start), or failing under it (died, or an error reply).
    for (const [i, gone] of [null, failing].entries()) {
      holder[KEY] = gone;
      try {
        expect(await store.ingest(wideBatch(T + i * 100_000_000, 1))).toMatchObject({ series: 2_001, points: 40_000 });
      } finally {
        holder[KEY] = worker;
      }
    }
    expect(failing.ask).toHaveBeenCalledOnce();
    const [long] = await store.metricsNamed(["long.series"]);
    expect(await store.rawPoints(long.id, 0, Number.MAX_SAFE_INTEGER)).toHaveLength(60_000);
  });

  it("writes the batch here, whole, when the worker is killed while it writes it, and goes on with a new worker", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const holder = globalThis as { [key: symbol]: unknown };
    // Killed at several moments: before the write, while its transaction runs (a warm worker writes
    // this batch in ~190 ms here), and after it answered.
    for (const afterMs of [0, 30, 100, 200, 400]) {
      const store = await fileStore();
      const batch = wideBatch(T, afterMs);
      const written = store.ingest(batch);
      // Awaited before a new worker is started below: on a fast machine the batch is written before the later kills, which must still hit this worker.
      const killed = new Promise<void>((resolve) =>
        setTimeout(() => {
          void (holder[KEY] as { worker: { terminate(): Promise<number> } }).worker.terminate();
          resolve();
        }, afterMs),
      );
      expect(await written).toMatchObject({ series: 2_001, points: 40_000 });
      await killed;
      const fresh = SqliteStore.open(":memory:", { cutoffs });
      await fresh.ingest(batch);
      expect(await contents(store)).toEqual(await contents(fresh));
      await fresh.close();
      // The dead worker's connection holds no lock: later batches are written, by a new worker.
      holder[KEY] = undefined;
      expect(await store.ingest(wideBatch(T + 1_800_000, 3))).toMatchObject({ points: 40_000 });
      expect(holder[KEY]).toMatchObject({ alive: true });
    }
  });

  it("opens the database file on the worker ahead of a first batch when asked (at start-up), warms up elsewhere, and lets go of it on close", async () => {
    const throwaway = await openThrowawaySqlite(cutoffs);
    const file = fs.realpathSync((throwaway.store as unknown as { file: string }).file);
    expect(openDescriptors(file)).toBe(1);
    await throwaway.store.prepareIngest();
    expect(openDescriptors(file)).toBe(2);
    // The worker's warm-up batches went to a database in memory, not into the file.
    expect(await throwaway.store.listMetricNames()).toEqual([]);
    await throwaway.dispose();
    expect(openDescriptors(file)).toBe(0);
  });

  it("lets go of the database file when the store closes", async () => {
    const throwaway = await openThrowawaySqlite(cutoffs);
    const file = fs.realpathSync((throwaway.store as unknown as { file: string }).file);
    await throwaway.store.ingest(wideBatch(T, 1));
    // The store's connection and the worker's.
    expect(openDescriptors(file)).toBe(2);
    await throwaway.dispose();
    expect(openDescriptors(file)).toBe(0);
  });
});
