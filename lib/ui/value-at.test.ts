import { describe, expect, it } from "vitest";
import { nearestAt, toBuckets } from "./value-at";

describe("nearestAt", () => {
  const points: [number, number][] = [[0, 1], [10, 2], [20, 3]];
  const ts = (p: [number, number]) => p[0];
  it("finds the nearest point on either side", () => {
    expect(nearestAt(points, ts, 4)).toEqual([0, 1]);
    expect(nearestAt(points, ts, 6)).toEqual([10, 2]);
    expect(nearestAt(points, ts, 99)).toEqual([20, 3]);
    expect(nearestAt(points, ts, -5)).toEqual([0, 1]);
  });
  it("answers nothing beyond the allowed distance or for no points", () => {
    expect(nearestAt(points, ts, 45, 10)).toBeUndefined();
    expect(nearestAt([], ts, 1)).toBeUndefined();
  });
});

describe("toBuckets", () => {
  it("pairs each bucket's min and max points", () => {
    expect(toBuckets([[0, 5], [4, 1], [10, 7], [12, 9]], 0, 10)).toEqual([
      { ts: 0, min: 1, max: 5 },
      { ts: 10, min: 7, max: 9 },
    ]);
  });
});
