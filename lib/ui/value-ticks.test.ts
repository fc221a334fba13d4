import { describe, expect, it } from "vitest";
import { valueAxis, valueExtent } from "./value-ticks";

describe("valueAxis", () => {
  it("widens the values' range to round numbers, with ticks at steps of 1, 2 or 5 × 10ⁿ", () => {
    // The standup TV's latency chart, where recharts ticked 54 / 63 / 72 / 81 / 90.
    expect(valueAxis([54.2, 89.7], ["auto", "auto"])).toEqual({ domain: [50, 90], ticks: [50, 60, 70, 80, 90] });
    expect(valueAxis([0.27, 0.45], ["auto", "auto"])!.ticks).toEqual([0.25, 0.3, 0.35, 0.4, 0.45]);
    expect(valueAxis([75, 375], ["auto", "auto"])).toEqual({ domain: [50, 400], ticks: [50, 100, 150, 200, 250, 300, 350, 400] });
  });

  it("keeps a bound given as a number, and gives a flat series room", () => {
    expect(valueAxis([81.3, 99.2], [0, 100])).toEqual({ domain: [0, 100], ticks: [0, 20, 40, 60, 80, 100] });
    expect(valueAxis([12, 47], [0, "auto"])).toEqual({ domain: [0, 50], ticks: [0, 10, 20, 30, 40, 50] });
    expect(valueAxis([5, 5], ["auto", "auto"])!.domain).toEqual([4.4, 5.6]);
    expect(valueAxis([0, 0], ["auto", "auto"])!.domain).toEqual([-1, 1]);
    expect(valueAxis(null, ["auto", "auto"])).toBeNull();
  });
});

describe("valueExtent", () => {
  it("spans lines' values and bands' minima and maxima", () => {
    expect(valueExtent([{ points: [[1, 3], [2, -1]], bucketRows: null }, { points: [], bucketRows: [{ min: 0, max: 9 }] }])).toEqual([-1, 9]);
    expect(valueExtent([{ points: [], bucketRows: null }])).toBeNull();
    expect(valueExtent([{ points: [[1, null as unknown as number], [2, 4]], bucketRows: null }])).toEqual([4, 4]);
  });
});
