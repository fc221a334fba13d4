import { describe, expect, it } from "vitest";
import { HEAVY_READ_POINTS, readSlot } from "@/lib/series/read-series";
import type { MetricRow, Point, Store } from "@/lib/store/types";
import { evaluate, RENDER_LIMITS, type RenderContext } from "./evaluate";
import { parseTarget } from "./target-parser";

const NOW_S = 1_800_000_000;
const metric = { id: 1, name: "web.dense" } as MetricRow;

/** A store of one metric holding `points` raw points in any range, recording the limit each raw read asked for. */
function denseStore(points: number) {
  const limits: (number | undefined)[] = [];
  const store = {
    getMetric: async (name: string) => (name === metric.name ? metric : undefined),
    rawPoints: async (_id: number, from: number, _to: number, limit?: number): Promise<Point[]> => {
      limits.push(limit);
      return Array.from({ length: Math.min(points, limit ?? points) }, (_, i): Point => [from + i, 1]);
    },
  } as unknown as Store;
  return { store, limits };
}

const context = (store: Store, over: Partial<RenderContext> = {}): RenderContext => ({
  store,
  start: NOW_S - 3600,
  end: NOW_S,
  step: 10,
  cutoffs: { raw: 0, "1m": 0, "1h": 0 },
  deadline: Date.now() + 10_000,
  spent: { series: 0, rows: 0 },
  ...over,
});

describe("evaluate's reads", () => {
  it("asks the store for no more raw points than the request's budget has left, and refuses past it", async () => {
    const { store, limits } = denseStore(1_000);
    const ctx = context(store, { spent: { series: 0, rows: RENDER_LIMITS.rowsPerRequest - 100 } });
    await expect(evaluate(parseTarget("web.dense"), ctx)).rejects.toThrow(/read more than 5,000,000 stored points/);
    expect(limits).toEqual([101]);
  });

  it("waits for a heavy-read turn before a read of more than HEAVY_READ_POINTS values", async () => {
    const { store, limits } = denseStore(10);
    const held = await readSlot(HEAVY_READ_POINTS + 1);
    const week = evaluate(parseTarget("web.dense"), context(store, { start: NOW_S - 7 * 86_400 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(limits).toEqual([]);
    held.release();
    expect((await week)[0].values).toHaveLength(7 * 8640);
    expect(limits).toHaveLength(1);
  });

  it("refuses a movingAverage whose preview window holds more points than it may build", async () => {
    const { store, limits } = denseStore(10);
    await expect(evaluate(parseTarget('movingAverage(web.dense,"365d")'), context(store))).rejects.toThrow(/movingAverage: the window holds 3,153,600 points, more than 100,000/);
    expect(limits).toEqual([]);
  });
});
