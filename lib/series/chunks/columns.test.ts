import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Point } from "@/lib/store/types";
import { ascendingDistinct, columnsOf, extentOf, filterColumns, mergeNewestLast, pairsOf } from "./columns";

/** Ascending distinct points, as stored lists are. */
const storedList = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 40 }).chain((ts) =>
  fc.tuple(...ts.sort((a, b) => a - b).map((t) => fc.tuple(fc.constant(t), fc.double({ noNaN: true })))),
);

describe("point columns", () => {
  it("merge lists as a map of timestamps would, the later list winning", () => {
    fc.assert(
      fc.property(fc.array(storedList, { maxLength: 4 }), (lists) => {
        const byTs = new Map<number, number>();
        for (const list of lists) for (const [t, v] of list) byTs.set(t, v);
        const expected = [...byTs].sort((a, b) => a[0] - b[0]);
        expect(pairsOf(mergeNewestLast(lists.map((l) => columnsOf(l as Point[]))))).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("order a batch and keep the last value of a repeated timestamp", () => {
    const points: Point[] = [[5, 1], [3, 2], [5, 3], [1, 4], [3, 5]];
    expect(pairsOf(ascendingDistinct(columnsOf(points)))).toEqual([[1, 4], [3, 5], [5, 3]]);
    const ordered = columnsOf([[1, 1], [2, 2]]);
    expect(ascendingDistinct(ordered)).toBe(ordered);
  });

  it("filter by timestamp, and hand back the columns themselves when every point stays", () => {
    const points = columnsOf([[1, 1], [2, 2], [3, 3]]);
    expect(pairsOf(filterColumns(points, (ts) => ts >= 2))).toEqual([[2, 2], [3, 3]]);
    expect(filterColumns(points, () => true)).toBe(points);
  });

  it("refuse a pair that is not two numbers, which a typed array would store as 0", () => {
    expect(() => columnsOf([[1, 1], [2, null as unknown as number]])).toThrow("point 1 is not a [timestamp, value] pair of numbers");
  });
});

describe("extentOf", () => {
  it("spans points in any order, the last given of a repeated newest timestamp winning", () => {
    expect(extentOf(columnsOf([[1, 10], [2, 20], [3, 30]]))).toEqual({ minTs: 1, maxTs: 3, lastValue: 30, increasing: true });
    expect(extentOf(columnsOf([[3, 30], [1, 10], [3, 31]]))).toEqual({ minTs: 1, maxTs: 3, lastValue: 31, increasing: false });
  });
});
