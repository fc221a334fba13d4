import { describe, expect, it } from "vitest";
import { backoffMs } from "./backoff";

describe("backoffMs", () => {
  it("doubles from the base with each attempt and stops at the maximum", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 5_000, 3_600_000))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(20, 5_000, 3_600_000)).toBe(3_600_000);
  });
});
