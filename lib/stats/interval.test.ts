import { describe, expect, it } from "vitest";
import { differenceInterval, meanInterval, minimumDetectableDifference, quantileInterval, studentQuantile, trimmedSorted } from "./interval";

describe("confidence intervals", () => {
  it("takes Student t quantiles (R: qt(.975, 9) = 2.262157)", () => {
    expect(studentQuantile(0.975, 9)).toBeCloseTo(2.262157, 5);
  });
  it("gives the t interval of a mean (R: t.test(1:10)$conf.int = 3.334149 7.665851)", () => {
    const interval = meanInterval(Array.from({ length: 10 }, (_, i) => i + 1), 0.95)!;
    expect(interval.lo).toBeCloseTo(3.334149, 5);
    expect(interval.hi).toBeCloseTo(7.665851, 5);
    expect(meanInterval([1], 0.95)).toBeNull();
  });
  it("gives Welch's interval of a difference of means", () => {
    // By hand: difference 3.5, SE √(1.667/4 + 1/3) = 0.866, df 0.5625 / (0.4167²/3 + 0.3333²/2) = 4.959,
    // t(.975, 4.959) = 2.577 → 3.5 ∓ 2.232, as R's t.test(c(4,5,6,7), c(1,2,3)) reports.
    const interval = differenceInterval([1, 2, 3], [4, 5, 6, 7], 0.95)!;
    expect(interval.lo).toBeCloseTo(1.2683, 3);
    expect(interval.hi).toBeCloseTo(5.7317, 3);
  });
  it("bounds a high percentile only once the sample is large enough", () => {
    const sorted = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
    expect(quantileInterval(sorted(10), 0.95, 0.95)!.hi).toBe(Infinity);
    const big = quantileInterval(sorted(1000), 0.95, 0.95)!;
    expect(big.lo).toBeGreaterThan(930);
    expect(big.hi).toBeLessThan(970);
  });
  it("names the smallest detectable difference, shrinking with more data", () => {
    const noisy = (n: number) => Array.from({ length: n }, (_, i) => 100 + ((i * 37) % 11) - 5);
    const small = minimumDetectableDifference(noisy(10), noisy(10), 0.95)!;
    const large = minimumDetectableDifference(noisy(1000), noisy(1000), 0.95)!;
    expect(large).toBeLessThan(small / 5);
  });
  it("trims both tails symmetrically", () => {
    expect(trimmedSorted([100, 1, 2, 3, 4, 5, 6, 7, 8, -50], 0.1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(trimmedSorted([3, 1, 2], 0.5)).toEqual([2]);
  });
});
