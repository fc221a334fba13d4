import { describe, expect, it } from "vitest";
import { valuesWithin } from "./time-range";

describe("valuesWithin", () => {
  it("keeps finite values with from ≤ ts < to", () => {
    expect(valuesWithin([[9, 1], [10, 2], [15, Number.NaN], [19, 3], [20, 4]], { from: 10, to: 20 })).toEqual([2, 3]);
  });
});
