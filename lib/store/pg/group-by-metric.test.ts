import { describe, expect, it } from "vitest";
import { columnsOf, pairsOf } from "@/lib/series/chunks/columns";
import { groupByMetric } from "./group-by-metric";

describe("groupByMetric", () => {
  const ids = new Map([["a", 1], ["b", 2]]);

  it("passes a series named once, in order, on as it is", () => {
    const a = columnsOf([[10, 1], [20, 2]]);
    const [group] = groupByMetric([a], ["a"], ids);
    expect(group.points).toBe(a);
    expect(group).toMatchObject({ metricId: 1, minTs: 10, maxTs: 20, lastValue: 2 });
  });

  it("merges a series named twice, in time order, the later write of a timestamp winning", () => {
    const groups = groupByMetric([columnsOf([[30, 3], [10, 1]]), columnsOf([[5, 5]]), columnsOf([[10, 9], [40, 4], [30, 7]])], ["a", "b", "a"], ids);
    expect(groups.map((g) => ({ ...g, points: pairsOf(g.points) }))).toEqual([
      { metricId: 1, points: [[10, 9], [30, 7], [40, 4]], minTs: 10, maxTs: 40, lastValue: 4 },
      { metricId: 2, points: [[5, 5]], minTs: 5, maxTs: 5, lastValue: 5 },
    ]);
  });

  it("refuses a series that was not created", () => {
    expect(() => groupByMetric([columnsOf([[1, 1]])], ["c"], ids)).toThrow("series c was not created");
  });
});
