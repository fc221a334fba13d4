import { describe, expect, it } from "vitest";
import { shiftRange, zoomOutRange } from "./shift-range";

describe("shiftRange", () => {
  it("moves the range by half its span", () => {
    expect(shiftRange(100, 200, -1)).toEqual([50, 150]);
    expect(shiftRange(100, 200, 1)).toEqual([150, 250]);
  });
});

describe("zoomOutRange", () => {
  it("doubles the span around its centre", () => {
    expect(zoomOutRange(100, 200, 1000)).toEqual([50, 250]);
  });
  it("keeps the end at now rather than in the future", () => {
    expect(zoomOutRange(800, 1000, 1000)).toEqual([600, 1000]);
  });
});
