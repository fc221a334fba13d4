import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openThrowawaySqlite, type ThrowawayStore } from "@/lib/testing/throwaway-stores";
import { rawPointsReader } from "./raw-points-reader";

const T0 = Date.UTC(2025, 0, 1);

describe("rawPointsReader", () => {
  let handle: ThrowawayStore;
  beforeAll(async () => {
    handle = await openThrowawaySqlite(() => ({ raw: 0, "1m": 0, "1h": 0 }));
    await handle.store.ingest({
      series: [
        { metric: "lat", points: [[T0, 1]] },
        { metric: "lat", labels: { route: "/a", code: "200" }, points: [[T0 + 2, 20], [T0 + 4, 40]] },
        { metric: "lat", labels: { route: "/a", code: "500" }, points: [[T0 + 3, 30]] },
        { metric: "lat", labels: { route: "/b", code: "200" }, points: [[T0 + 1, 10]] },
      ],
    });
  });
  afterAll(async () => handle?.dispose());

  it("reads a plain name as its unlabelled series, and pools what a selector picks in time order", async () => {
    const points = rawPointsReader(handle.store);
    expect(await points("lat", T0, T0 + 10)).toEqual([[T0, 1]]);
    expect(await points('lat{route="/a"}', T0, T0 + 10)).toEqual([[T0 + 2, 20], [T0 + 3, 30], [T0 + 4, 40]]);
    expect(await points('lat{code="200",route="/b"}', T0, T0 + 10)).toEqual([[T0 + 1, 10]]);
    expect(await points("nothing", T0, T0 + 10)).toEqual([]);
  });
});
