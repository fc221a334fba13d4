import { describe, expect, it } from "vitest";
import { bucketsToPoints } from "./downsample";
import { bucketWidth, chooseResolution } from "./resolution";

describe("bucketsToPoints", () => {
  it("keeps both extremes of a bucket, and single points as they are", () => {
    expect(
      bucketsToPoints([
        { min: 1, max: 9, firstTs: 0, lastTs: 90, count: 10 },
        { min: 5, max: 5, firstTs: 100, lastTs: 100, count: 1 },
        { min: 3, max: 3, firstTs: 200, lastTs: 250, count: 4 },
      ]),
    ).toEqual([
      [0, 1],
      [90, 9],
      [100, 5],
      [200, 3],
    ]);
  });
});

describe("bucketWidth", () => {
  it("fits maxPoints/2 buckets (two points each) into the range", () => {
    const width = bucketWidth(0, 999_999, 1000);
    expect(width).toBe(2000);
    expect(Math.floor(999_999 / width) + 1).toBeLessThanOrEqual(500);
  });
});

describe("chooseResolution", () => {
  const now = 1_000 * 86_400_000;
  const cutoffs = { raw: now - 14 * 86_400_000, "1m": now - 90 * 86_400_000, "1h": now - 3 * 365 * 86_400_000 };
  const pick = (days: number, maxPoints = 1000) => chooseResolution({ from: now - days * 86_400_000, to: now, maxPoints, cutoffs });

  it("reads the coarsest resolution that still fits one output bucket", () => {
    expect(pick(1 / 24)).toBe("raw");
    expect(pick(1)).toBe("1m");
    expect(pick(30)).toBe("1h");
    expect(pick(365)).toBe("1h");
  });

  it("never reads a resolution whose retention dropped the start of the range", () => {
    expect(pick(20, 100_000)).toBe("1m");
    expect(pick(120, 1_000_000)).toBe("1h");
  });
});
