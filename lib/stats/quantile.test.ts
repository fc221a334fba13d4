import { describe, expect, it } from "vitest";
import { median, quantile, quantileSorted } from "./quantile";

describe("quantile (type 7)", () => {
  it("matches R's quantile() on 1..10", () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    // R: quantile(1:10, c(.25, .5, .9, .95)) → 3.25 5.50 9.10 9.55
    expect(quantile(values, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(values, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(values, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(values, 0.95)).toBeCloseTo(9.55, 12);
  });

  it("gives the extremes at 0 and 1 and the only value of a singleton", () => {
    expect(quantileSorted([1, 2, 3], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3], 1)).toBe(3);
    expect(quantile([42], 0.95)).toBe(42);
  });

  it("is null for no values", () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
  });

  it("takes the median of an even count as the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
