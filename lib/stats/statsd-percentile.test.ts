import { describe, expect, it } from "vitest";
import { statsdPercentile, statsdThresholdCount } from "./statsd-percentile";

describe("statsdPercentile", () => {
  it("takes the round(pct% × n)-th smallest value", () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(statsdPercentile(sorted, 90)).toBe(9);
    // round(9.5) = 10 and round(9.9) = 10: both the largest value.
    expect(statsdPercentile(sorted, 95)).toBe(10);
    expect(statsdPercentile(sorted, 99)).toBe(10);
    // round(2.5) = 3 (Math.round rounds halves up), unlike type 7's 3.25.
    expect(statsdPercentile(sorted, 25)).toBe(3);
  });

  it("is the only value of a singleton and null when the threshold holds no value", () => {
    expect(statsdPercentile([42], 1)).toBe(42);
    expect(statsdPercentile([1, 2, 3], 10)).toBeNull();
    expect(statsdPercentile([], 90)).toBeNull();
    expect(statsdThresholdCount(3, 10)).toBe(0);
    expect(statsdThresholdCount(1, 10)).toBe(1);
  });
});
