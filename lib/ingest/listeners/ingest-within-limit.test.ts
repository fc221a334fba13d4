import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { ingestWithinLimit } from "./ingest-within-limit";

const T0 = Date.UTC(2025, 0, 1);

describe("ingestWithinLimit", () => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }), { maxSeries: 2 });
    await handle.store.ingest({ series: [{ metric: "g.a", points: [[T0, 1]] }, { metric: "g.b", labels: { dc: "ams" }, points: [[T0, 1]] }] });
  });
  afterAll(async () => handle?.dispose());

  it("keeps the existing series' points of a batch whose new series pass the limit, and drops only the new ones", async () => {
    const result = await ingestWithinLimit(handle.store, {
      series: [
        { metric: "g.a", points: [[T0 + 1, 2]] },
        { metric: "g.b", labels: { dc: "ams" }, points: [[T0 + 1, 2]] },
        { metric: "g.b", labels: { dc: "fra" }, points: [[T0 + 1, 2]] },
        { metric: "g.new", points: [[T0 + 1, 2]] },
      ],
    });
    expect(result).toMatchObject({ series: 2, points: 2, created: [] });
    expect(await handle.store.countMetrics()).toBe(2);
    expect(await handle.store.rawPoints((await handle.store.getMetric("g.a"))!.id, T0, T0 + 10)).toEqual([[T0, 1], [T0 + 1, 2]]);
  });
});
